package io.robustlab.core.data;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * Where one dataset's files are downloaded from, and the SHA-256 each downloaded file must have.
 *
 * @param baseUri      the folder URL; file {@code f} is fetched from {@code baseUri.resolve(f)}
 * @param sha256ByFile lower-case hex SHA-256 of every file fetched from there, by file name
 */
public record DownloadSource(URI baseUri, Map<String, String> sha256ByFile) {

    // MNIST, from the mirror torchvision uses (the files are byte-identical to LeCun's originals).
    // SHA-256 from tensorflow/datasets tensorflow_datasets/url_checksums/mnist.txt (same files, same
    // sizes, on the cvdf-datasets mirror), and the same values in ankane/torchvision-ruby
    // lib/torchvision/datasets/mnist.rb, which downloads from this ossci-datasets mirror.
    static final DownloadSource MNIST = new DownloadSource(
            URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
            Map.of("train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
                    "train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
                    "t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
                    "t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"));

    // Fashion-MNIST: SHA-256 from tensorflow/datasets tensorflow_datasets/url_checksums/fashion_mnist.txt
    // and ankane/torchvision-ruby lib/torchvision/datasets/fashion_mnist.rb (identical values).
    // Debian's dataset-fashion-mnist re-gzipped the files, so its .gz hashes differ; their decompressed
    // contents hash to the raw SHA-256 values published alongside the official gzip MD5s.
    static final DownloadSource FASHION_MNIST = new DownloadSource(
            URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
            Map.of("train-images-idx3-ubyte.gz", "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
                    "train-labels-idx1-ubyte.gz", "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
                    "t10k-images-idx3-ubyte.gz", "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
                    "t10k-labels-idx1-ubyte.gz", "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"));

    // CIFAR-10 binary version: SHA-256 from tensorflow/datasets tensorflow_datasets/url_checksums/cifar10.txt
    // (170052171 bytes) and ankane/torchvision-ruby lib/torchvision/datasets/cifar10.rb (identical value).
    static final DownloadSource CIFAR10 = new DownloadSource(
            URI.create("https://www.cs.toronto.edu/~kriz/"),
            Map.of(Cifar10Binary.ARCHIVE, "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd"));

    public DownloadSource {
        Objects.requireNonNull(baseUri, "baseUri");
        if (!baseUri.getPath().endsWith("/")) {
            baseUri = URI.create(baseUri + "/");
        }
        sha256ByFile = Map.copyOf(sha256ByFile);
    }

    /** The datasets' official download locations, by dataset folder name. */
    public static Map<String, DownloadSource> official() {
        return Map.of("mnist", MNIST, "fashion-mnist", FASHION_MNIST, "cifar10", CIFAR10);
    }

    URI uriOf(String file) {
        return baseUri.resolve(file);
    }

    String sha256Of(String file) {
        String sha256 = sha256ByFile.get(file);
        if (sha256 == null) {
            throw new IllegalStateException("no SHA-256 known for " + file + " from " + baseUri
                    + "; refusing to download an unverifiable file");
        }
        return sha256;
    }
}
