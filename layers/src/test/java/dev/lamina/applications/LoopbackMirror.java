package dev.lamina.applications;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A download mirror on the loopback interface serving files by URL path, recording each request. */
final class LoopbackMirror implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, Path> files = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();

    LoopbackMirror() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(path);
            try {
                Path file = files.get(path);
                if (file == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.sendResponseHeaders(200, Files.size(file));
                try (OutputStream out = exchange.getResponseBody()) {
                    Files.copy(file, out);
                }
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** Serves {@code file} at {@code /<urlPath>}. */
    void serve(String urlPath, Path file) {
        files.put("/" + urlPath, file);
    }

    /** @return the mirror's base URL, ending in a slash */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
