package dev.diundashboard.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy of the test's own between the app and a server (PostgreSQL, an MQTT broker), which the
 * test can cut and restore, point at another server, or black-hole: connections stay open, new ones
 * are accepted, but nothing is forwarded, as when a route drops packets without a reset. Bytes are
 * held, not lost, so a resumed connection goes on.
 */
public final class TcpProxy implements AutoCloseable {

    private final int port;
    private volatile String targetHost;
    private volatile int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private final Object flow = new Object();
    private boolean holding;

    public TcpProxy(String targetHost, int targetPort) throws IOException {
        this.port = MicroServer.freePort();
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        restore();
    }

    public int port() {
        return port;
    }

    /** Accepts connections again on the same port. */
    public synchronized void restore() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress("127.0.0.1", port));
        server = s;
        Thread acceptor = new Thread(() -> accept(s), "proxy-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Drops every open connection and refuses new ones, as a database that went away. */
    public synchronized void cut() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
    }

    /** Sends new connections to another server and drops the open ones, as a server that was replaced. */
    public synchronized void retarget(String host, int port) throws IOException {
        targetHost = host;
        targetPort = port;
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
    }

    /** Stops forwarding in both directions; sockets stay open and new connections are accepted. */
    public void blackHole() {
        synchronized (flow) {
            holding = true;
        }
    }

    /** Forwards again what was held, and whatever comes next. */
    public void resume() {
        synchronized (flow) {
            holding = false;
            flow.notifyAll();
        }
    }

    private void awaitFlow() throws IOException {
        synchronized (flow) {
            while (holding) {
                try {
                    flow.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        }
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                sockets.add(client);
                Thread connector = new Thread(() -> connect(client), "proxy-connect-" + port);
                connector.setDaemon(true);
                connector.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void connect(Socket client) {
        try {
            awaitFlow();
            Socket upstream = new Socket(targetHost, targetPort);
            sockets.add(upstream);
            pipe(client, upstream);
            pipe(upstream, client);
        } catch (IOException e) {
            try {
                client.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    awaitFlow();
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // connection cut
            } finally {
                try {
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        resume();
        cut();
    }
}
