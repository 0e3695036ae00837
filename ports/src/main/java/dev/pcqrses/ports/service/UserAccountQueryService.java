package dev.pcqrses.ports.service;

import dev.pcqrses.domain.DomainText;
import dev.pcqrses.domain.Violation;
import dev.pcqrses.domain.Validated;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.ports.in.Page;
import dev.pcqrses.ports.in.QueryResult;
import dev.pcqrses.ports.in.UserAccountQueries;
import dev.pcqrses.ports.in.UserAccountView;
import dev.pcqrses.ports.out.ReadModelReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/** Validates query arguments and reads the read model; pages with opaque keyset cursors. */
public final class UserAccountQueryService implements UserAccountQueries {
  private final ReadModelReader reader;

  public UserAccountQueryService(ReadModelReader reader) {
    this.reader = Objects.requireNonNull(reader, "reader");
  }

  @Override
  public QueryResult<Optional<UserAccountView>> getUserAccount(String userAccountId) {
    Validated<UserAccountId> id = UserAccountId.parse("userAccountId", userAccountId);
    if (!id.isValid()) {
      return new QueryResult.Invalid<>(Validated.violationsOf(id));
    }
    return new QueryResult.Ok<>(reader.findById(id.value()));
  }

  @Override
  public QueryResult<Page<UserAccountView>> getUserAccounts(Integer first, String after) {
    return page(first, after, new ArrayList<>(), reader::findAll);
  }

  @Override
  public QueryResult<Page<UserAccountView>> searchUserAccounts(String searchTerm, Integer first, String after) {
    List<Violation> violations = new ArrayList<>();
    String term = searchTerm == null ? "" : DomainText.stripInvisible(searchTerm);
    if (term.isEmpty()) {
      violations.add(new Violation("searchTerm", "must not be empty or blank"));
    } else if (term.codePointCount(0, term.length()) > MAX_SEARCH_TERM_LENGTH) {
      violations.add(new Violation("searchTerm", "must be at most " + MAX_SEARCH_TERM_LENGTH + " characters"));
    } else if (!DomainText.isPrintableUnicode(term)) {
      violations.add(new Violation("searchTerm", "must not contain " + DomainText.unsafeCharacter(term)));
    }
    return page(first, after, violations, (cursor, limit) -> reader.search(term, cursor, limit));
  }

  private QueryResult<Page<UserAccountView>> page(
      Integer first, String after, List<Violation> violations, BiFunction<UserAccountId, Integer, List<UserAccountView>> read) {
    int size = first == null ? DEFAULT_PAGE_SIZE : first;
    if (size < 1 || size > MAX_PAGE_SIZE) {
      violations.add(new Violation("first", "must be between 1 and " + MAX_PAGE_SIZE));
    }
    UserAccountId cursor = null;
    if (after != null) {
      Optional<UserAccountId> decoded = Cursor.decode(after);
      if (decoded.isEmpty()) {
        violations.add(new Violation("after", "is not a cursor returned by this API"));
      } else {
        cursor = decoded.get();
      }
    }
    if (!violations.isEmpty()) {
      return new QueryResult.Invalid<>(violations);
    }
    // One extra row tells whether another page follows, without a count query.
    List<UserAccountView> rows = read.apply(cursor, size + 1);
    boolean hasNext = rows.size() > size;
    List<UserAccountView> items = hasNext ? rows.subList(0, size) : rows;
    String endCursor = items.isEmpty() ? null : Cursor.encode(new UserAccountId(items.get(items.size() - 1).id()));
    return new QueryResult.Ok<>(new Page<>(items, hasNext, endCursor));
  }
}
