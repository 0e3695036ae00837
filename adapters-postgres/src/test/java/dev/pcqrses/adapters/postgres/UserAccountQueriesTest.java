package dev.pcqrses.adapters.postgres;

import static dev.pcqrses.adapters.postgres.Fixtures.created;
import static dev.pcqrses.adapters.postgres.Fixtures.deleted;
import static dev.pcqrses.adapters.postgres.Fixtures.newId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pcqrses.domain.Violation;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.ports.in.JournalRecord;
import dev.pcqrses.ports.in.Page;
import dev.pcqrses.ports.in.QueryResult;
import dev.pcqrses.ports.in.UserAccountView;
import dev.pcqrses.ports.service.UserAccountProjector;
import dev.pcqrses.ports.service.UserAccountQueryService;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The query service over the real jOOQ reader: paging, literal search, validation. */
class UserAccountQueriesTest {
  final SharedPostgres pg = SharedPostgres.get();
  final ReadModelTransactions tx = new ReadModelTransactions(pg.dataSource());
  final UserAccountQueryService queries = new UserAccountQueryService(new JooqReadModelReader(pg.dataSource()));

  void project(JournalRecord... records) {
    tx.inTransaction(w -> new UserAccountProjector(w).projectAll(List.of(records)));
  }

  static <T> T ok(QueryResult<T> result) {
    assertThat(result).isInstanceOf(QueryResult.Ok.class);
    return ((QueryResult.Ok<T>) result).value();
  }

  static List<Violation> invalid(QueryResult<?> result) {
    assertThat(result).isInstanceOf(QueryResult.Invalid.class);
    return ((QueryResult.Invalid<?>) result).violations();
  }

  @Test
  void gets_one_account_by_id_in_any_case_and_nothing_for_unknown_or_deleted_ids() {
    UserAccountId live = newId();
    UserAccountId gone = newId();
    project(created(live, "Ann", "Lee"), created(gone, "Sam", "Oda"), deleted(gone, 2));
    assertThat(ok(queries.getUserAccount(live.value().toLowerCase())))
        .hasValueSatisfying(v -> assertThat(v.id()).isEqualTo(live.value()));
    assertThat(ok(queries.getUserAccount(gone.value()))).isEmpty();
    assertThat(ok(queries.getUserAccount("01JAAAAAAAAAAAAAAAAAAAAAAA"))).isEmpty();
    assertThat(invalid(queries.getUserAccount("abc"))).extracting(Violation::field).containsExactly("userAccountId");
    assertThat(invalid(queries.getUserAccount(null))).isNotEmpty();
  }

  @Test
  void pages_through_every_live_account_exactly_once_in_id_order() {
    String tag = uniqueTag();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      UserAccountId id = newId();
      project(created(id, tag, "N" + i));
      expected.add(id.value());
    }
    UserAccountId removed = newId();
    project(created(removed, tag, "Removed"), deleted(removed, 2));

    List<String> seen = new ArrayList<>();
    String after = null;
    int pages = 0;
    Page<UserAccountView> page;
    do {
      page = ok(queries.searchUserAccounts(tag, 3, after));
      page.items().forEach(v -> seen.add(v.id()));
      after = page.endCursor();
      pages++;
    } while (page.hasNextPage());
    assertThat(seen).containsExactlyElementsOf(expected);
    assertThat(pages).isEqualTo(3);

    // The unfiltered listing pages the same way.
    Page<UserAccountView> first = ok(queries.getUserAccounts(2, null));
    assertThat(first.items()).hasSize(2);
    assertThat(first.hasNextPage()).isTrue();
    Page<UserAccountView> second = ok(queries.getUserAccounts(2, first.endCursor()));
    assertThat(second.items().get(0).id()).isGreaterThan(first.items().get(1).id());
  }

  @Test
  void search_treats_percent_underscore_and_backslash_as_literal_characters() {
    String tag = uniqueTag();
    UserAccountId percent = newId();
    UserAccountId underscore = newId();
    UserAccountId plain = newId();
    UserAccountId backslash = newId();
    project(created(percent, tag + "100%", "Pure"), created(underscore, tag + "a_b", "Lee"),
        created(plain, tag + "aXb", "Lee"), created(backslash, tag + "c\\d", "Lee"));

    assertThat(ids(ok(queries.searchUserAccounts(tag + "100%", 100, null)))).containsExactly(percent.value());
    assertThat(ids(ok(queries.searchUserAccounts("%", 100, null)))).contains(percent.value())
        .doesNotContain(underscore.value(), plain.value());
    assertThat(ids(ok(queries.searchUserAccounts(tag + "a_b", 100, null)))).containsExactly(underscore.value());
    assertThat(ids(ok(queries.searchUserAccounts(tag + "c\\d", 100, null)))).containsExactly(backslash.value());
    assertThat(ids(ok(queries.searchUserAccounts(tag + "!", 100, null)))).isEmpty();
  }

  @Test
  void search_ignores_case_including_non_ascii_letters_and_matches_the_full_name() {
    String tag = uniqueTag();
    UserAccountId zoe = newId();
    UserAccountId taro = newId();
    project(created(zoe, tag + "Zoë", "Öztürk"), created(taro, tag + "太郎", "山田"));
    assertThat(ids(ok(queries.searchUserAccounts(tag.toUpperCase() + "ZOË", 10, null)))).containsExactly(zoe.value());
    assertThat(ids(ok(queries.searchUserAccounts("zoë öztürk", 10, null)))).contains(zoe.value());
    assertThat(ids(ok(queries.searchUserAccounts("郎 山", 10, null)))).contains(taro.value());
  }

  @Test
  void search_with_sql_text_finds_nothing_and_leaves_the_table_intact() throws Exception {
    assertThat(ok(queries.searchUserAccounts("'; drop table user_accounts; --", 10, null)).items()).isEmpty();
    try (Connection c = pg.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM user_accounts")) {
      assertThat(rs.next()).isTrue();
    }
  }

  @Test
  void refuses_bad_paging_and_search_arguments_with_the_fields_named() {
    assertThat(invalid(queries.getUserAccounts(0, null))).extracting(Violation::field).containsExactly("first");
    assertThat(invalid(queries.getUserAccounts(101, null))).extracting(Violation::field).containsExactly("first");
    assertThat(invalid(queries.getUserAccounts(10, "not-a-cursor"))).extracting(Violation::field).containsExactly("after");
    assertThat(invalid(queries.searchUserAccounts("  ", 10, null))).extracting(Violation::field).containsExactly("searchTerm");
    assertThat(invalid(queries.searchUserAccounts("x".repeat(101), 0, null)))
        .extracting(Violation::field).containsExactly("searchTerm", "first");
    assertThat(invalid(queries.searchUserAccounts("a\u0000b", 10, null))).extracting(Violation::field)
        .containsExactly("searchTerm");
    assertThat(ok(queries.getUserAccounts(null, null)).items()).hasSizeLessThanOrEqualTo(20);
  }

  private static List<String> ids(Page<UserAccountView> page) {
    return page.items().stream().map(UserAccountView::id).toList();
  }

  /** A name prefix no other test uses, so that searches only see this test's rows. */
  private static String uniqueTag() {
    return "t" + UUID.randomUUID().toString().substring(0, 8);
  }
}
