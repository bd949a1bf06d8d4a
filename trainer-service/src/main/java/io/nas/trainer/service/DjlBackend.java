package io.nas.trainer.service;

import ai.djl.engine.EngineException;
import com.fasterxml.jackson.databind.JsonNode;
import io.nas.contract.arch.MnasArchitecture;
import io.nas.contract.count.AnalyticCounter;
import io.nas.contract.count.NetworkCost;
import io.nas.contract.event.EventJson;
import io.nas.contract.event.Proposal;
import io.nas.contract.space.MnasSearchSpace;
import io.nas.contract.space.SearchSpaceSpec;
import io.nas.model.DjlRuntime;
import io.nas.model.build.Activation;
import io.nas.model.build.NasNetwork;
import io.nas.model.build.NetworkBuilder;
import io.nas.model.data.FashionMnist;
import io.nas.model.data.ImageFolder;
import io.nas.model.data.ImageSet;
import io.nas.model.data.ProxyTask;
import io.nas.model.train.EpochReport;
import io.nas.model.train.ProgressiveTrainer;
import io.nas.model.train.StageCheckpoint;
import io.nas.model.train.TrainingAbandonedException;
import io.nas.model.train.TrainingDivergedException;
import io.nas.model.train.TrainingObserver;
import io.nas.model.train.TrainingOutcome;
import io.nas.model.train.TrainingPlan;
import io.nas.model.train.TrainingPosition;
import io.nas.trainer.config.TrainerConfig;
import io.nas.trainer.domain.TrialOutcome;
import io.nas.trainer.service.TrialStore.StageCheckpointFound;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Trains MnasNet-space candidates for real: built with {@link NetworkBuilder}, trained by {@link ProgressiveTrainer}
 * on the proxy task the proposal's {@code training} spec names (defaults: {@link TrainingPlan}). Datasets:
 * {@code fashion-mnist} (Debian's files) or {@code folder:<directory>} (an ImageFolder-style directory on this
 * machine). Every epoch publishes progress, every stage stores a checkpoint, and a trial with a stage checkpoint
 * resumes after it.
 */
@ApplicationScoped
public class DjlBackend implements TrainingBackend {

    static final String FOLDER_PREFIX = "folder:";
    private static final Logger LOG = Logger.getLogger(DjlBackend.class);

    private final TrainerConfig config;
    private volatile ImageSet fashionMnist;

    public DjlBackend(TrainerConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return DJL;
    }

    @Override
    public boolean leased() {
        return true;
    }

    @Override
    public Candidate admit(Proposal proposal) throws TrialRefusedException {
        ArchitectureAdmission.Admitted admitted = ArchitectureAdmission.admit(proposal, SearchSpaceSpec.MNASNET, name());
        MnasSearchSpace space = (MnasSearchSpace) admitted.space();
        TrainingPlan plan = plan(proposal, space);
        activation(plan);
        String dataset = plan.dataset();
        if (dataset.equals(FashionMnist.NAME)) {
            if (space.frame().inChannels() != 1 || space.frame().classes() != FashionMnist.CLASS_NAMES.size()) {
                throw new TrialRefusedException("fashion-mnist has 1 channel and 10 classes; the space's network takes "
                        + space.frame().inChannels() + " channels and " + space.frame().classes() + " classes");
            }
        } else if (!dataset.startsWith(FOLDER_PREFIX)) {
            throw new TrialRefusedException("unknown dataset '" + dataset + "'; the djl backend trains on "
                    + FashionMnist.NAME + " or " + FOLDER_PREFIX + "<directory>");
        }
        NetworkCost cost = AnalyticCounter.count((MnasArchitecture) admitted.architecture(),
                space.frame().withResolution(proposal.inferenceResolution()));
        return new Candidate(proposal, admitted.architecture(), cost.params(), cost.madds());
    }

    @Override
    public TrialOutcome train(Candidate candidate, TrialSession session) throws Exception {
        Proposal proposal = candidate.proposal();
        MnasSearchSpace space = new MnasSearchSpace(proposal.space());
        TrainingPlan plan = plan(proposal, space);
        ProxyTask task;
        try {
            task = ProxyTask.carve(images(plan.dataset(), space), plan.trainExamples(), plan.validationExamples(),
                    plan.seed());
        } catch (IllegalArgumentException | IOException e) {
            throw new TrialRefusedException("the proxy task cannot be made from " + plan.dataset() + ": "
                    + e.getMessage());
        }
        int stages = plan.schedule().size();
        StageCheckpoint resumeFrom = session.resumePoint(stages).map(DjlBackend::checkpoint).orElse(null);
        if (resumeFrom != null) {
            LOG.infof("Trial %s resumes after stage %d of %d", proposal.trialId(), resumeFrom.stage() + 1, stages);
        }
        try {
            DjlRuntime.init(config.djl().threads());
            NasNetwork network = NetworkBuilder.build((MnasArchitecture) candidate.architecture(), space.frame(),
                    activation(plan));
            TrainingOutcome outcome = new ProgressiveTrainer()
                    .train(network, task, plan, new SessionObserver(session, plan), resumeFrom);
            String uri = session.putFinal(outcome.finalParameters());
            return new TrialOutcome(outcome.accuracy(), outcome.trainingSeconds(), outcome.imagesPerSecond(), uri);
        } catch (TrainingAbandonedException e) {
            throw session.abandoned();
        } catch (TrainingDivergedException e) {
            throw new TrialFailedException(e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new TrialFailedException("out of memory: " + e.getMessage(), e);
        } catch (EngineException e) {
            // PyTorch reports native allocation failures ("DefaultCPUAllocator: can't allocate memory") this way.
            throw new TrialFailedException("engine error: " + e.getMessage(), e);
        }
    }

    private static TrainingPlan plan(Proposal proposal, MnasSearchSpace space) throws TrialRefusedException {
        try {
            return TrainingPlan.resolve(proposal.training(), space.frame().resolution());
        } catch (IllegalArgumentException e) {
            throw new TrialRefusedException("the training spec cannot be trained: " + e.getMessage());
        }
    }

    private static Activation activation(TrainingPlan plan) throws TrialRefusedException {
        try {
            return Activation.valueOf(plan.activation().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TrialRefusedException("unknown activation '" + plan.activation() + "'; one of relu, swish");
        }
    }

    private ImageSet images(String dataset, MnasSearchSpace space) throws IOException {
        if (dataset.startsWith(FOLDER_PREFIX)) {
            return ImageFolder.load(Path.of(dataset.substring(FOLDER_PREFIX.length())), space.frame().inChannels(),
                    space.frame().resolution());
        }
        ImageSet loaded = fashionMnist;
        if (loaded == null) {
            synchronized (this) {
                if (fashionMnist == null) {
                    fashionMnist = FashionMnist.training(config.djl().fashionMnist());
                }
                loaded = fashionMnist;
            }
        }
        return loaded;
    }

    private static StageCheckpoint checkpoint(StageCheckpointFound found) {
        try {
            TrainingPosition position = EventJson.mapper().treeToValue(found.state().resume(), TrainingPosition.class);
            return new StageCheckpoint(position, found.parameters(), found.optimizerState());
        } catch (IOException e) {
            throw new IllegalStateException("stage " + found.state().stage() + " checkpoint has no readable position: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Progress after every epoch, a checkpoint after every stage. A stage's last epoch is published once its
     * checkpoint is stored, so that event also marks the stage boundary.
     */
    private static final class SessionObserver implements TrainingObserver {

        private final TrialSession session;
        private final TrainingPlan plan;
        private EpochReport lastOfStage;

        SessionObserver(TrialSession session, TrainingPlan plan) {
            this.session = session;
            this.plan = plan;
        }

        @Override
        public void onEpochEnd(EpochReport report) {
            if (report.epoch() == plan.schedule().epochsPerStage() - 1) {
                lastOfStage = report;
            } else {
                publish(report);
            }
        }

        @Override
        public void onStageEnd(int stage, StageCheckpoint checkpoint) {
            try {
                JsonNode position = EventJson.mapper().readTree(checkpoint.positionJson());
                session.stageCompleted(stage + 1, checkpoint.position().stages(),
                        checkpoint.position().trainingSeconds(), checkpoint.position().steps() * plan.batchSize(), position, checkpoint.parameters(),
                        checkpoint.optimizerState());
            } catch (Exception e) {
                // Only a resume needs it: training goes on, a resume would start from an earlier stage.
                LOG.warnf("Trial %s: stage %d checkpoint not stored: %s", session.proposal().trialId(), stage + 1,
                        e.toString());
            }
            if (lastOfStage != null) {
                publish(lastOfStage);
                lastOfStage = null;
            }
        }

        @Override
        public boolean shouldStop() {
            return session.shouldStop();
        }

        private void publish(EpochReport report) {
            session.progress(report.stage() + 1, report.stages(), report.epoch() + 1, report.imageSize(),
                    report.loss(), report.accuracy());
        }
    }
}
