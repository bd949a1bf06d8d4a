#!/bin/sh
# Puts Fashion-MNIST's idx files where docker-compose.yml mounts them into the trainer (NAS_FASHION_MNIST_DIR, by
# default docker/data/fashion-mnist): copied from Debian's dataset-fashion-mnist when it is installed, otherwise
# downloaded from Zalando's repository (MIT licence). Files already there are kept.
#   docker/fetch-fashion-mnist.sh [directory]
set -eu

dir="${1:-$(dirname "$0")/data/fashion-mnist}"
debian=/usr/share/datasets/fashion-mnist
upstream=https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion

mkdir -p "$dir"
for file in train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz; do
    if [ -s "$dir/$file" ]; then
        continue
    fi
    if [ -f "$debian/$file" ]; then
        cp "$debian/$file" "$dir/$file.part"
    else
        curl -fsSL -o "$dir/$file.part" "$upstream/$file"
    fi
    # A truncated download or an HTML error page fails here rather than in the trainer's first trial.
    gzip -t "$dir/$file.part"
    mv "$dir/$file.part" "$dir/$file"
done
ls -l "$dir"
