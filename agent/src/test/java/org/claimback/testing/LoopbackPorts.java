package org.claimback.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.function.Supplier;

/** Loopback ports for the server fixtures: a free one to listen on, and a wait until one accepts. */
final class LoopbackPorts {
    private LoopbackPorts() {}

    /** A port no one listens on now (the kernel's choice; a server started right after gets it in practice). */
    static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port: " + e.getMessage(), e);
        }
    }

    /** True when 127.0.0.1:{@code port} accepts a TCP connection now. */
    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until {@code ready} holds, failing with {@code why.get()} (the server's log) when {@code process}
     * ends first or {@code seconds} pass.
     */
    static void await(String what, Process process, int seconds, Supplier<Boolean> ready, Supplier<String> why) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!ready.get()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited " + process.exitValue() + " before it answered: " + why.get());
            }
            if (System.nanoTime() > end) {
                process.destroyForcibly();
                throw new IllegalStateException(what + " did not answer within " + seconds + " s: " + why.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
