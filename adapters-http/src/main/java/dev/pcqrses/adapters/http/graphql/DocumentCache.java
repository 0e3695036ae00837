package dev.pcqrses.adapters.http.graphql;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Keeps parsed and validated documents by query text, so that the usual handful of distinct
 * operations are parsed and validated once, not on every request. Bounded (least recently used
 * entries go) so that clients sending ever-new documents cannot grow the heap.
 */
final class DocumentCache implements PreparsedDocumentProvider {
  /** Longer documents are rare and not worth the memory. */
  private static final int MAX_CACHED_QUERY_LENGTH = 16 * 1024;

  private final Map<String, PreparsedDocumentEntry> entries;

  DocumentCache(int maxEntries) {
    this.entries = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, PreparsedDocumentEntry> eldest) {
        return size() > maxEntries;
      }
    });
  }

  @Override
  public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
      Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
    String query = input.getQuery();
    if (query.length() > MAX_CACHED_QUERY_LENGTH) {
      return CompletableFuture.completedFuture(parseAndValidate.apply(input));
    }
    PreparsedDocumentEntry cached = entries.get(query);
    if (cached == null) {
      cached = parseAndValidate.apply(input);
      entries.put(query, cached);
    }
    return CompletableFuture.completedFuture(cached);
  }

  int size() {
    return entries.size();
  }
}
