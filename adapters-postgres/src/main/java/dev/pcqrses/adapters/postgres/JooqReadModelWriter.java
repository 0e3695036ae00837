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
import java.util.Optional;
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

  private static void expectOneRow(UserAccountId id, int rows) {
    if (rows != 1) {
      throw new IllegalStateException("expected one read-model row for " + id + ", updated " + rows);
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
