package dev.pcqrses.adapters.pekko.runtime;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.AddressFromURIString;

/**
 * Parses {@code PEKKO_CLUSTER_SEED_NODES}: a comma-separated list of node addresses such as
 * {@code pekko://pcqrses-command-api@127.0.0.1:25520}. An environment variable reaches HOCON as one
 * string, not a list, so {@code pekko.cluster.seed-nodes} is filled from it in code.
 */
public final class SeedNodes {
  /** The environment variable the list comes from (named in every error message). */
  public static final String VARIABLE = "PEKKO_CLUSTER_SEED_NODES";
  /** Where pcqrses-pekko.conf puts that variable's value. */
  public static final String CONFIG_PATH = "pcqrses.cluster.seed-nodes";

  private SeedNodes() {}

  /**
   * The addresses in {@code list}, in order; empty for a blank list (a single-node cluster).
   *
   * @param systemName the ActorSystem's name: a seed node of another system could never be joined
   * @throws IllegalArgumentException naming {@link #VARIABLE} and the bad entry
   */
  public static List<String> parse(String list, String systemName) {
    List<String> seeds = new ArrayList<>();
    if (list == null || list.isBlank()) {
      return seeds;
    }
    for (String raw : list.split(",", -1)) {
      String entry = raw.trim();
      if (entry.isEmpty()) {
        throw invalid(list, "an empty entry");
      }
      Address address;
      try {
        address = AddressFromURIString.parse(entry);
      } catch (Exception e) { // Scala throws java.net.MalformedURLException unchecked
        throw invalid(list, "\"" + entry + "\" is not an address like pekko://" + systemName + "@host:port");
      }
      if (!address.protocol().equals("pekko") || address.host().isEmpty() || address.port().isEmpty()) {
        throw invalid(list, "\"" + entry + "\" is not an address like pekko://" + systemName + "@host:port");
      }
      int port = (Integer) address.port().get();
      if (port < 1 || port > 65535) {
        throw invalid(list, "\"" + entry + "\" has port " + port + "; a seed node needs a fixed port 1..65535");
      }
      if (!address.system().equals(systemName)) {
        throw invalid(list, "\"" + entry + "\" names the ActorSystem \"" + address.system() + "\", but this node's is \""
            + systemName + "\"");
      }
      seeds.add(address.toString());
    }
    return seeds;
  }

  private static IllegalArgumentException invalid(String list, String why) {
    return new IllegalArgumentException(VARIABLE + " (" + CONFIG_PATH + ") = \"" + list + "\": " + why
        + "; expected a comma-separated list of pekko://<system>@<host>:<port>");
  }
}
