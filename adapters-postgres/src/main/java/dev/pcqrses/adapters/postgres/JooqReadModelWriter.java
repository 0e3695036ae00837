package dev.pcqrses.adapters.postgres;

import static dev.pcqrses.adapters.postgres.jooq.Tables.USER_ACCOUNTS;

import dev.pcqrses.domain.useraccount.UserAccountCreated;
import dev.pcqrses.domain.useraccount.UserAccountDeleted;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.domain.useraccount.UserAccountRenamed;
import dev.pcqrses.ports.out.ReadModelWriter;
import java.sql.Connection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Writes the read model with jOOQ on one connection that the caller owns: the caller begins,
 * commits or rolls back, so the projection offset can be stored in the same transaction.
 */
public final class JooqReadModelWriter implements ReadModelWriter {
  private final DSLContext dsl;

  /** A writer on {@code connection}; it never commits, rolls back or closes it. */
  public JooqReadModelWriter(Connection connection) {
    this.dsl = DSL.using(connection, SQLDialect.POSTGRES);
  }

  JooqReadModelWriter(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public Optional<ProjectedPosition> lockPosition(UserAccountId id) {
    return dsl.select(USER_ACCOUNTS.LAST_SEQUENCE_NR, USER_ACCOUNTS.DELETED_AT)
        .from(USER_ACCOUNTS)
        .where(USER_ACCOUNTS.ID.eq(id.value()))
        .forUpdate()
        .fetchOptional(r -> new ProjectedPosition(r.value1(), r.value2() != null));
  }

  @Override
  public boolean insertCreated(UserAccountCreated event, long sequenceNumber) {
    OffsetDateTime at = utc(event.occurredAt());
    return dsl.insertInto(USER_ACCOUNTS)
        .set(USER_ACCOUNTS.ID, event.userAccountId().value())
        .set(USER_ACCOUNTS.FIRST_NAME, event.firstName().value())
        .set(USER_ACCOUNTS.LAST_NAME, event.lastName().value())
        .set(USER_ACCOUNTS.CREATED_AT, at)
        .set(USER_ACCOUNTS.UPDATED_AT, at)
        .set(USER_ACCOUNTS.LAST_SEQUENCE_NR, sequenceNumber)
        .onConflictDoNothing()
        .execute() == 1;
  }

  @Override
  public void applyRenamed(UserAccountRenamed event, long sequenceNumber) {
    expectOneRow(event.userAccountId(), dsl.update(USER_ACCOUNTS)
        .set(USER_ACCOUNTS.FIRST_NAME, event.firstName().value())
        .set(USER_ACCOUNTS.LAST_NAME, event.lastName().value())
        .set(USER_ACCOUNTS.UPDATED_AT, utc(event.occurredAt()))
        .set(USER_ACCOUNTS.LAST_SEQUENCE_NR, sequenceNumber)
        .where(USER_ACCOUNTS.ID.eq(event.userAccountId().value()))
        .execute());
  }

  @Override
  public void applyDeleted(UserAccountDeleted event, long sequenceNumber) {
    OffsetDateTime at = utc(event.occurredAt());
    expectOneRow(event.userAccountId(), dsl.update(USER_ACCOUNTS)
        .set(USER_ACCOUNTS.DELETED_AT, at)
        .set(USER_ACCOUNTS.UPDATED_AT, at)
        .set(USER_ACCOUNTS.LAST_SEQUENCE_NR, sequenceNumber)
        .where(USER_ACCOUNTS.ID.eq(event.userAccountId().value()))
        .execute());
  }

  @Override
  public void advancePosition(UserAccountId id, long sequenceNumber) {
    expectOneRow(id, dsl.update(USER_ACCOUNTS)
        .set(USER_ACCOUNTS.LAST_SEQUENCE_NR, sequenceNumber)
        .where(USER_ACCOUNTS.ID.eq(id.value()))
        .execute());
  }

  @Override
  public Map<UserAccountId, ProjectedPosition> lockPositions(Collection<UserAccountId> ids) {
    Map<UserAccountId, ProjectedPosition> positions = new HashMap<>();
    // One statement text whatever the number of ids (= ANY(array)), so the driver prepares it once.
    dsl.select(USER_ACCOUNTS.ID, USER_ACCOUNTS.LAST_SEQUENCE_NR, USER_ACCOUNTS.DELETED_AT)
        .from(USER_ACCOUNTS)
        .where(USER_ACCOUNTS.ID.eq(DSL.any(ids.stream().map(UserAccountId::value).toArray(String[]::new))))
        .orderBy(USER_ACCOUNTS.ID)
        .forUpdate()
        .forEach(r -> positions.put(new UserAccountId(r.value1()), new ProjectedPosition(r.value2(), r.value3() != null)));
    return positions;
  }

  @Override
  public Set<UserAccountId> insertRows(List<NewRow> rows) {
    if (rows.isEmpty()) {
      return Set.of();
    }
    // One multi-row INSERT; RETURNING tells which rows were written (a JDBC batch would not: the
    // pool rewrites batched inserts, whose counts then say only "success").
    var insert = dsl.insertInto(USER_ACCOUNTS,
        USER_ACCOUNTS.ID, USER_ACCOUNTS.FIRST_NAME, USER_ACCOUNTS.LAST_NAME, USER_ACCOUNTS.CREATED_AT,
        USER_ACCOUNTS.UPDATED_AT, USER_ACCOUNTS.DELETED_AT, USER_ACCOUNTS.LAST_SEQUENCE_NR);
    var values = insert.values(row(rows.get(0)));
    for (NewRow row : rows.subList(1, rows.size())) {
      values = values.values(row(row));
    }
    Set<String> written = new HashSet<>(values.onConflictDoNothing().returning(USER_ACCOUNTS.ID).fetch(USER_ACCOUNTS.ID));
    Set<UserAccountId> raced = new HashSet<>();
    for (NewRow row : rows) {
      if (!written.contains(row.id().value())) {
        raced.add(row.id());
      }
    }
    return raced;
  }

  private static org.jooq.Row7<String, String, String, OffsetDateTime, OffsetDateTime, OffsetDateTime, Long> row(NewRow row) {
    return DSL.row(row.id().value(), row.firstName().value(), row.lastName().value(), utc(row.createdAt()),
        utc(row.updatedAt()), utcOrNull(row.deletedAt()), row.lastSequenceNumber());
  }

  @Override
  public void updateRows(List<RowChange> changes) {
    if (changes.isEmpty()) {
      return;
    }
    // Null parameters keep the stored value (COALESCE), so one statement serves every kind of change.
    BatchBindStep batch = dsl.batch(dsl.update(USER_ACCOUNTS)
        .set(USER_ACCOUNTS.FIRST_NAME, DSL.coalesce(DSL.val((String) null, USER_ACCOUNTS.FIRST_NAME), USER_ACCOUNTS.FIRST_NAME))
        .set(USER_ACCOUNTS.LAST_NAME, DSL.coalesce(DSL.val((String) null, USER_ACCOUNTS.LAST_NAME), USER_ACCOUNTS.LAST_NAME))
        .set(USER_ACCOUNTS.UPDATED_AT, DSL.coalesce(DSL.val((OffsetDateTime) null, USER_ACCOUNTS.UPDATED_AT), USER_ACCOUNTS.UPDATED_AT))
        .set(USER_ACCOUNTS.DELETED_AT, DSL.coalesce(DSL.val((OffsetDateTime) null, USER_ACCOUNTS.DELETED_AT), USER_ACCOUNTS.DELETED_AT))
        .set(USER_ACCOUNTS.LAST_SEQUENCE_NR, DSL.val((Long) null, USER_ACCOUNTS.LAST_SEQUENCE_NR))
        .where(USER_ACCOUNTS.ID.eq(DSL.val((String) null, USER_ACCOUNTS.ID))));
    for (RowChange change : changes) {
      batch = batch.bind(change.firstName() == null ? null : change.firstName().value(),
          change.lastName() == null ? null : change.lastName().value(), utcOrNull(change.updatedAt()),
          utcOrNull(change.deletedAt()), change.lastSequenceNumber(), change.id().value());
    }
    int[] counts = batch.execute();
    for (int i = 0; i < counts.length; i++) {
      expectOneRow(changes.get(i).id(), counts[i]);
    }
  }

  private static OffsetDateTime utcOrNull(Instant instant) {
    return instant == null ? null : utc(instant);
  }

  private static void expectOneRow(UserAccountId id, int rows) {
    if (rows != 1) {
      throw new IllegalStateException("expected one read-model row for " + id + ", updated " + rows);
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
