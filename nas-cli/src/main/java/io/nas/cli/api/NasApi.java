package io.nas.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.nas.contract.event.EventJson;
import io.nas.contract.event.ExperimentSpec;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The REST APIs of a running deployment as the command line uses them: the sampler's experiments (writes with the
 * API key) and the reward service's results, Pareto fronts and policy versions. Answers are JSON trees; an error
 * answer becomes an {@link ApiException} carrying the service's message.
 */
public final class NasApi {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String samplerUrl;
    private final String rewardUrl;
    private final String apiKey;

    public NasApi(String samplerUrl, String rewardUrl, String apiKey) {
        this.samplerUrl = trim(samplerUrl);
        this.rewardUrl = trim(rewardUrl);
        this.apiKey = apiKey;
    }

    /** A refused or failed call: the HTTP status and what the service said. */
    public static final class ApiException extends IOException {
        private final int status;

        ApiException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** POST /experiments; answers the created experiment. */
    public JsonNode createExperiment(ExperimentSpec spec) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(samplerUrl + "/experiments"))
                .header("Content-Type", "application/json")
                .header("X-API-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(EventJson.write(spec))));
    }

    public JsonNode experiment(String id) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(samplerUrl + "/experiments/" + id)).GET());
    }

    public JsonNode stopExperiment(String id) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(samplerUrl + "/experiments/" + id + "/stop"))
                .header("X-API-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    public JsonNode results(String id) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(rewardUrl + "/experiments/" + id + "/results")).GET());
    }

    public JsonNode pareto(String id, String deviceType) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(rewardUrl + "/experiments/" + id + "/pareto?deviceType="
                + deviceType)).GET());
    }

    private static JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response;
        try {
            response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new ApiException(0, "nothing answers at " + built.uri().getScheme() + "://"
                    + built.uri().getAuthority() + ": is the deployment running there?");
        }
        if (response.statusCode() / 100 != 2) {
            throw new ApiException(response.statusCode(), built.method() + " " + built.uri().getPath() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? EventJson.mapper().nullNode() : EventJson.mapper().readTree(response.body());
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
