package dev.lamina.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads against a real HTTP server on the loopback interface. */
class DownloadTest {

    private static final String T10K_LABELS_SHA =
            "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2";
    private static final String T10K_IMAGES_SHA =
            "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7";

    @TempDir
    Path tmp;

    private SystemProperties props;
    private Path home;
    private HttpServer server;
    private ExecutorService executor;
    private String base;
    private final Map<String, Responder> routes = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    interface Responder {
        void respond(HttpExchange exchange) throws IOException, InterruptedException;
    }

    @BeforeEach
    void start() throws IOException {
        home = tmp.resolve("home");
        props = new SystemProperties().home(home);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(path);
            try {
                Responder r = routes.get(path);
                if (r == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    r.respond(exchange);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @AfterEach
    void stop() {
        server.stop(0);
        executor.shutdownNow();
        props.close();
    }

    private static Responder bytes(byte[] body) {
        return ex -> {
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        };
    }

    private static byte[] real(String file) throws IOException {
        return Files.readAllBytes(TestFiles.testData().resolve("mnist").resolve(file));
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    private DatasetStore store() {
        return DatasetStore.defaults().mirror(base).progress(false).connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(2));
    }

    /** Everything under the user cache: must be empty after a failed download. */
    private List<Path> cacheContent() throws IOException {
        Path cache = home.resolve(".lamina");
        if (!Files.exists(cache)) {
            return List.of();
        }
        try (var s = Files.walk(cache)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private static DatasetSpec testFilesSpec() {
        return DatasetSpec.named("mnist").title("MNIST test files")
                .files(IdxDatasets.TEST_IMAGES, IdxDatasets.TEST_LABELS)
                .download(IdxDatasets.TEST_IMAGES, T10K_IMAGES_SHA, "http://unused.invalid/a")
                .download(IdxDatasets.TEST_LABELS, T10K_LABELS_SHA, "http://unused.invalid/b");
    }

    @Test
    void goodFilesLandInTheCacheVerifiedByDecompressedSha256() throws IOException {
        routes.put("/mnist/" + IdxDatasets.TEST_IMAGES, bytes(real(IdxDatasets.TEST_IMAGES)));
        // Recompressed: other gzip bytes, same content. The check is on the content, so it passes.
        routes.put("/mnist/" + IdxDatasets.TEST_LABELS, bytes(TestFiles.gzip(gunzip(real(IdxDatasets.TEST_LABELS)))));
        DatasetLocation where = store().locate(testFilesSpec());
        Path dir = home.resolve(".lamina/datasets/mnist");
        assertThat(where.downloaded()).isTrue();
        assertThat(where.directory()).contains(dir);
        assertThat(cacheContent()).containsExactlyInAnyOrder(dir.resolve(IdxDatasets.TEST_IMAGES),
                dir.resolve(IdxDatasets.TEST_LABELS));
        assertThat(Files.readAllBytes(dir.resolve(IdxDatasets.TEST_IMAGES))).isEqualTo(real(IdxDatasets.TEST_IMAGES));
        assertThat(TestFiles.sum(IdxReader.readImages(dir.resolve(IdxDatasets.TEST_IMAGES)))).isEqualTo(264923200L);

        // Found in the cache from now on, without the server.
        requests.clear();
        DatasetLocation again = store().download(false).locate(testFilesSpec());
        assertThat(again.downloaded()).isFalse();
        assertThat(requests).isEmpty();
    }

    @Test
    void mnistLoadDownloadsAllFourFilesFromTheMirror() throws IOException {
        for (String f : IdxDatasets.FILES) {
            routes.put("/mnist/" + f, bytes(real(f)));
        }
        ImageDataset mnist = Mnist.load(store());
        assertThat(requests).containsExactlyInAnyOrder(IdxDatasets.FILES.stream().map(f -> "/mnist/" + f)
                .toArray(String[]::new));
        assertThat(mnist.trainImages().shape()).containsExactly(60000, 28, 28);
        assertThat(TestFiles.sum(mnist.testImages())).isEqualTo(264923200L);
        assertThat(cacheContent()).hasSize(4);
    }

    @Test
    void corruptedFileIsAnErrorAndLeavesNothingInTheCache() throws IOException {
        byte[] labels = gunzip(real(IdxDatasets.TEST_LABELS));
        labels[100] ^= 1;
        routes.put("/mnist/" + IdxDatasets.TEST_IMAGES, bytes(real(IdxDatasets.TEST_IMAGES)));
        routes.put("/mnist/" + IdxDatasets.TEST_LABELS, bytes(TestFiles.gzip(labels)));
        String actual = HexFormat.of().formatHex(MessageDigestHolder.sha256(labels));
        DatasetSpec spec = DatasetSpec.named("mnist").files(IdxDatasets.TEST_LABELS)
                .download(IdxDatasets.TEST_LABELS, T10K_LABELS_SHA, "http://unused.invalid/");
        assertThatThrownBy(() -> store().locate(spec)).isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class)
                .isNotInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining(IdxDatasets.TEST_LABELS).hasMessageContaining(T10K_LABELS_SHA)
                .hasMessageContaining(actual).hasMessageContaining("discarded");
        assertThat(cacheContent()).isEmpty();
        assertThat(home.resolve(".lamina/datasets/mnist")).doesNotExist();
    }

    @Test
    void notGzipAtAllIsRejected() throws IOException {
        byte[] bad = real(IdxDatasets.TEST_LABELS);
        routes.put("/mnist/" + IdxDatasets.TEST_LABELS, bytes(java.util.Arrays.copyOf(bad, bad.length - 100)));
        DatasetSpec spec = DatasetSpec.named("mnist").files(IdxDatasets.TEST_LABELS)
                .download(IdxDatasets.TEST_LABELS, T10K_LABELS_SHA, "http://unused.invalid/");
        assertThatThrownBy(() -> store().locate(spec)).isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class)
                .hasMessageContaining(IdxDatasets.TEST_LABELS).hasMessageContaining("truncated gzip");
        assertThat(cacheContent()).isEmpty();
    }

    @Test
    void http404NamesTheUrlAndStatus() throws IOException {
        assertThatThrownBy(() -> Mnist.load(store())).isInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining(base + "mnist/" + IdxDatasets.TRAIN_IMAGES)
                .hasMessageContaining(home.resolve(".lamina/datasets/mnist").toString());
        assertThat(cacheContent()).isEmpty();
    }

    @Test
    void redirectsAreFollowed() throws IOException {
        routes.put("/mnist/" + IdxDatasets.TEST_LABELS, ex -> {
            ex.getResponseHeaders().add("Location", "/moved/labels.gz");
            ex.sendResponseHeaders(302, -1);
        });
        routes.put("/moved/labels.gz", bytes(real(IdxDatasets.TEST_LABELS)));
        DatasetSpec spec = DatasetSpec.named("mnist").files(IdxDatasets.TEST_LABELS)
                .download(IdxDatasets.TEST_LABELS, T10K_LABELS_SHA, "http://unused.invalid/");
        assertThat(store().locate(spec).downloaded()).isTrue();
        assertThat(requests).containsExactly("/mnist/" + IdxDatasets.TEST_LABELS, "/moved/labels.gz");
    }

    @Test
    void aServerThatStallsTimesOutQuickly() throws IOException {
        routes.put("/mnist/" + IdxDatasets.TRAIN_IMAGES, ex -> Thread.sleep(10_000));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> Mnist.load(store().readTimeout(Duration.ofSeconds(1))))
                .isInstanceOf(DatasetNotFoundException.class).hasMessageContaining("timed out")
                .hasMessageContaining("1 s").hasMessageContaining(IdxDatasets.TRAIN_IMAGES);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(cacheContent()).isEmpty();
    }

    @Test
    void aServerThatStallsMidFileTimesOutAndLeavesNoTempFile() throws IOException {
        routes.put("/mnist/" + IdxDatasets.TRAIN_IMAGES, ex -> {
            ex.sendResponseHeaders(200, 1_000_000);
            OutputStream out = ex.getResponseBody();
            out.write(new byte[5000]);
            out.flush();
            Thread.sleep(10_000);
        });
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> Mnist.load(store().readTimeout(Duration.ofMillis(800))))
                .isInstanceOf(DatasetNotFoundException.class).hasMessageContaining("timed out")
                .hasMessageContaining("after 5000 bytes");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(cacheContent()).isEmpty();
    }

    @Test
    void nothingListeningIsTheOneNotFoundError() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> Mnist.load(store().mirror("http://127.0.0.1:" + port + "/")))
                .isInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining("MNIST was not found on this machine and could not be downloaded")
                .hasMessageContaining(String.join(", ", IdxDatasets.FILES))
                .hasMessageContaining(home.resolve(".lamina/datasets/mnist") + ": no such folder")
                .hasMessageContaining("127.0.0.1:" + port);
        assertThat(home.resolve(".lamina")).doesNotExist();
    }

    @Test
    void cifarArchiveWithTheWrongMd5IsRejected() throws IOException {
        byte[] archive = TestFiles.gzip(TestFiles.tar("cifar-10-batches-bin/test_batch.bin", new byte[3073]));
        routes.put("/cifar-10-batches-bin/cifar-10-binary.tar.gz", bytes(archive));
        assertThatThrownBy(() -> Cifar10.load(store())).isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class)
                .hasMessageContaining("cifar-10-binary.tar.gz").hasMessageContaining(Cifar10.ARCHIVE_MD5)
                .hasMessageContaining(HexFormat.of().formatHex(MessageDigestHolder.md5(archive)));
        assertThat(cacheContent()).isEmpty();
    }

    @Test
    void cifarArchiveIsUnpackedIntoTheCache() throws IOException {
        byte[] batch = new byte[3073 * 3];
        batch[0] = 1;
        batch[3073] = 2;
        batch[2 * 3073] = 9;
        batch[1 + 1024 + 5] = 77;    // green of record 0 at (0,5)
        byte[] archive = TestFiles.gzip(TestFiles.tar(
                "cifar-10-batches-bin/batches.meta.txt", String.join("\n", Cifar10.LABEL_NAMES).getBytes(
                        StandardCharsets.US_ASCII),
                "cifar-10-batches-bin/data_batch_1.bin", batch,
                "cifar-10-batches-bin/readme.html", new byte[10],
                "cifar-10-batches-bin/test_batch.bin", batch));
        routes.put("/cifar-10-batches-bin/cifar-10-binary.tar.gz", bytes(archive));
        DatasetSpec spec = Cifar10.spec().archive("cifar-10-binary.tar.gz", "MD5",
                HexFormat.of().formatHex(MessageDigestHolder.md5(archive)), Cifar10.NAME, "http://unused.invalid/");
        ImageDataset d = Cifar10.load(store(), spec);
        assertThat(d.trainImages().shape()).containsExactly(3, 32, 32, 3);
        assertThat(d.trainLabels().toIntVector()).containsExactly(1, 2, 9);
        assertThat(d.trainImages().getInt(0, 0, 5, 1)).isEqualTo(77);
        Path dir = home.resolve(".lamina/datasets/cifar-10-batches-bin");
        assertThat(cacheContent()).containsExactlyInAnyOrder(dir.resolve("batches.meta.txt"),
                dir.resolve("data_batch_1.bin"), dir.resolve("test_batch.bin"));
    }

    @Test
    void fashionMnistHashesVerifyTheDebianFiles() throws IOException {
        Path target = Files.createDirectories(tmp.resolve("fashion"));
        Downloader downloader = new Downloader(Duration.ofSeconds(2), Duration.ofSeconds(2), false);
        for (var e : FashionMnist.spec().downloads().entrySet()) {
            routes.put("/f/" + e.getKey(), bytes(Files.readAllBytes(FashionMnist.DEBIAN_DIR.resolve(e.getKey()))));
            downloader.fetch(List.of(base + "f/" + e.getKey()), target.resolve(e.getKey()), e.getValue().algorithm(),
                    e.getValue().hash(), true);
        }
        try (var files = Files.list(target)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrderElementsOf(IdxDatasets.FILES);
        }
    }

    @Test
    void progressBarIsOneLineRedrawnWithCarriageReturns() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        Downloader.Bar bar = new Downloader.Bar("file.gz", 2_000_000, out);
        bar.update(1_000_000);
        bar.finish(2_000_000);
        String s = buf.toString(StandardCharsets.UTF_8);
        assertThat(s).startsWith("\rfile.gz [").contains(" 50% ").contains("100% 2.0/2.0 MB").endsWith("\n");
        assertThat(s.chars().filter(c -> c == '\n').count()).isEqualTo(1);
    }

    /** Digests for expected values. */
    static final class MessageDigestHolder {
        static byte[] sha256(byte[] b) {
            return Downloader.digest("SHA-256").digest(b);
        }

        static byte[] md5(byte[] b) {
            return Downloader.digest("MD5").digest(b);
        }

        private MessageDigestHolder() {
        }
    }
}
