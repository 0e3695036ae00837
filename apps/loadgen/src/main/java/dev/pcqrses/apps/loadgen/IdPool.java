package dev.pcqrses.apps.loadgen;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The live accounts of a {@code mix} run that renames, deletes and gets can aim at. A rename or a
 * delete leases its id (takes it out of the pool) while it is in flight, so no two commands on one
 * account overlap: a delete cannot overtake a rename of the same account, and a rename whose
 * visibility is being timed is not overwritten by the next one. Renamed ids are released back;
 * deleted ones are not. Gets pick among the ids in the pool without taking them.
 */
final class IdPool {
  private final List<String> ids = new ArrayList<>();

  synchronized void add(String id) {
    ids.add(id);
  }

  /** Takes a random id out of the pool; null when it is empty. */
  synchronized String lease(RandomGenerator random) {
    if (ids.isEmpty()) {
      return null;
    }
    int i = random.nextInt(ids.size());
    String id = ids.get(i);
    ids.set(i, ids.get(ids.size() - 1)); // swap-remove: O(1), order does not matter
    ids.remove(ids.size() - 1);
    return id;
  }

  /** Puts a leased id back. */
  void release(String id) {
    add(id);
  }

  /** A random id of the pool, left in it; null when it is empty. */
  synchronized String pick(RandomGenerator random) {
    return ids.isEmpty() ? null : ids.get(random.nextInt(ids.size()));
  }

  synchronized int size() {
    return ids.size();
  }
}
