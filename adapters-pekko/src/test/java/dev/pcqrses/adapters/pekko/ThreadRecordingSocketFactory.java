package dev.pcqrses.adapters.pekko;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.SocketFactory;

/**
 * A socket factory for the PostgreSQL JDBC driver ({@code ?socketFactory=<this class>}) whose
 * sockets remember the name of every thread that sends bytes to the server: every statement, on
 * every pool, whoever runs it (Slick's journal, the projection, a health check). The test's witness
 * of where blocking database work really runs.
 */
public final class ThreadRecordingSocketFactory extends SocketFactory {
  /** Names of the threads that wrote to a PostgreSQL socket since the last {@link #clear()}. */
  public static final Set<String> WRITERS = ConcurrentHashMap.newKeySet();

  public static void clear() {
    WRITERS.clear();
  }

  @Override
  public Socket createSocket() {
    return new Socket() {
      @Override
      public OutputStream getOutputStream() throws IOException {
        return new FilterOutputStream(super.getOutputStream()) {
          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            WRITERS.add(Thread.currentThread().getName());
            out.write(b, off, len);
          }

          @Override
          public void write(int b) throws IOException {
            WRITERS.add(Thread.currentThread().getName());
            out.write(b);
          }
        };
      }
    };
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    throw new UnsupportedOperationException("the driver connects an unconnected socket");
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
    throw new UnsupportedOperationException("the driver connects an unconnected socket");
  }

  @Override
  public Socket createSocket(InetAddress host, int port) {
    throw new UnsupportedOperationException("the driver connects an unconnected socket");
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
    throw new UnsupportedOperationException("the driver connects an unconnected socket");
  }
}
