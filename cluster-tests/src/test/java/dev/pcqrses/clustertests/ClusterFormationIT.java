package dev.pcqrses.clustertests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Three command-api JVMs form one cluster from their seed nodes, the user-account shards and
 * entities spread over them, and a command sent to any node reaches the account's entity wherever
 * it lives.
 */
class ClusterFormationIT {
  static final Duration ANSWER = Duration.ofSeconds(15);

  @Test
  void three_nodes_form_one_cluster_and_entities_spread_over_them() {
    TestCluster cluster = TestCluster.get();
    for (AppProcess node : cluster.commandNodes) {
      TestCluster.Membership m = TestCluster.membership(node);
      assertThat(m).as("%s", node).isEqualTo(new TestCluster.Membership(3, 3, 0));
    }

    // Accounts created round-robin through the three nodes.
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      AppProcess node = cluster.commandNodes.get(i % 3);
      Api.Reply r = Api.graphql(node.baseUrl(), Api.CREATE,
          Api.createInput("Spread" + i, "Formation", "spread" + i + "@example.com"), ANSWER);
      assertThat(r.ok()).as("create via %s: %s", node, r.describe()).isTrue();
      ids.add(r.json().at("/data/createUserAccount/id").asText());
    }

    // Where they live: each node's own log (the entity logs inside itself) and its sharding gauges.
    Map<String, Integer> entitiesByNode = new LinkedHashMap<>();
    Poll.until(Duration.ofSeconds(20), () -> "every account's entity found in one node's log", () -> {
      entitiesByNode.clear();
      int found = 0;
      for (AppProcess node : cluster.commandNodes) {
        long n = TestCluster.entitiesLoggedBy(node).stream().filter(ids::contains).count();
        entitiesByNode.put(node.name, (int) n);
        found += (int) n;
      }
      return found >= ids.size();
    }, () -> "found so far: " + entitiesByNode);
    System.out.println("[formation] entities of 60 new accounts by node (from the logs): " + entitiesByNode);
    assertThat(entitiesByNode.values().stream().filter(n -> n > 0).count())
        .as("nodes hosting the new accounts' entities: %s", entitiesByNode).isGreaterThan(1);

    Map<String, String> gauges = new LinkedHashMap<>();
    Poll.until(Duration.ofSeconds(20), () -> "shards and entities on more than one node (pcqrses_sharding_*)", () -> {
      gauges.clear();
      int hosting = 0;
      for (AppProcess node : cluster.commandNodes) {
        int[] se = TestCluster.shardsAndEntities(node);
        gauges.put(node.name, se[0] + " shards, " + se[1] + " entities");
        if (se[0] > 0 && se[1] > 0) {
          hosting++;
        }
      }
      return hosting > 1;
    }, () -> "gauges: " + gauges);
    System.out.println("[formation] sharding gauges: " + gauges);
  }

  @Test
  void a_command_sent_to_any_node_reaches_the_entity_wherever_it_lives() {
    TestCluster cluster = TestCluster.get();
    AppProcess one = cluster.commandNodes.get(0);
    AppProcess two = cluster.commandNodes.get(1);
    AppProcess three = cluster.commandNodes.get(2);
    AppProcess query = cluster.queryApis.get(0);

    Api.Reply created = Api.graphql(one.baseUrl(), Api.CREATE,
        Api.createInput("Anywhere", "Node", "anywhere@example.com"), ANSWER);
    assertThat(created.ok()).as(created.describe()).isTrue();
    String id = created.json().at("/data/createUserAccount/id").asText();

    Api.Reply renamed = Api.graphql(two.baseUrl(), Api.RENAME, Api.renameInput(id, "Renamed", "OnTwo"), ANSWER);
    assertThat(renamed.ok()).as("rename via %s: %s", two, renamed.describe()).isTrue();
    Poll.until(Duration.ofSeconds(20), () -> "the rename visible through " + query, () -> "Renamed".equals(
        Api.graphql(query.baseUrl(), Api.GET, Map.of("id", id), ANSWER).json()
            .at("/data/getUserAccount/firstName").asText(null)), () -> "");
    Api.Reply shown = Api.graphql(query.baseUrl(), Api.GET, Map.of("id", id), ANSWER);
    assertThat(shown.json().at("/data/getUserAccount/lastName").asText()).isEqualTo("OnTwo");

    Api.Reply deleted = Api.graphql(three.baseUrl(), Api.DELETE, Api.deleteInput(id), ANSWER);
    assertThat(deleted.ok()).as("delete via %s: %s", three, deleted.describe()).isTrue();
    // The same entity, asked again through another node, knows it is deleted.
    Api.Reply again = Api.graphql(one.baseUrl(), Api.DELETE, Api.deleteInput(id), ANSWER);
    assertThat(again.errorCode()).as(again.describe()).isEqualTo("ALREADY_DELETED");
    for (AppProcess q : cluster.queryApis) {
      Poll.until(Duration.ofSeconds(20), () -> "the deletion visible through " + q, () -> {
        Api.Reply r = Api.graphql(q.baseUrl(), Api.GET, Map.of("id", id), ANSWER);
        return r.ok() && r.json().at("/data/getUserAccount").isNull();
      }, () -> "");
    }
  }
}
