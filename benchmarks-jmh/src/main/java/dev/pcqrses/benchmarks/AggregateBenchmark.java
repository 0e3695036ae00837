package dev.pcqrses.benchmarks;

import dev.pcqrses.domain.Validated;
import dev.pcqrses.domain.Violation;
import dev.pcqrses.domain.useraccount.Decision;
import dev.pcqrses.domain.useraccount.DecisionContext;
import dev.pcqrses.domain.useraccount.EmailAddress;
import dev.pcqrses.domain.useraccount.FirstName;
import dev.pcqrses.domain.useraccount.LastName;
import dev.pcqrses.domain.useraccount.UserAccountAggregate;
import dev.pcqrses.domain.useraccount.UserAccountCommand;
import dev.pcqrses.domain.useraccount.UserAccountCommand.CreateUserAccount;
import dev.pcqrses.domain.useraccount.UserAccountCommand.DeleteUserAccount;
import dev.pcqrses.domain.useraccount.UserAccountCommand.RenameUserAccount;
import dev.pcqrses.domain.useraccount.UserAccountCreated;
import dev.pcqrses.domain.useraccount.UserAccountDeleted;
import dev.pcqrses.domain.useraccount.UserAccountEvent;
import dev.pcqrses.domain.useraccount.UserAccountRenamed;
import dev.pcqrses.domain.useraccount.UserAccountState;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The pure aggregate: {@link UserAccountAggregate#decide} then {@link UserAccountAggregate#apply} of
 * each command's event, on the state the command is valid for (create on no account, rename and
 * delete on an active one; the rename changes the name, so it records an event).
 *
 * <p>Baseline {@code newEventDirectly}: the event record the decision emits, allocated directly from
 * the same command and context, without state checks, the {@code Decision} wrapper or folding the
 * event into a new state. The ratio is the cost of the decision logic and the fold on top of the
 * event's own construction (whose null and millisecond checks both sides pay). The value objects in
 * the command are already validated, as they are when a command reaches an entity; the event id and
 * time in the context are fixed (generating them is the adapter's cost).
 *
 * <p>{@code validateDecideApplyCreate} adds what happens before a create reaches the aggregate:
 * turning raw strings into value objects (name and e-mail rules), as the command service does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dlogback.configurationFile=pcqrses-benchmarks-logback.xml")
public class AggregateBenchmark {

  /** A command, the state it is decided on, and the decision's context. */
  @State(Scope.Benchmark)
  public static class Commands {
    @Param({"create", "rename", "delete"})
    public String command;

    UserAccountState state;
    UserAccountCommand cmd;
    DecisionContext ctx;
    int kind;

    @Setup
    public void setUp() {
      ctx = Fixtures.context();
      UserAccountState active = UserAccountAggregate.apply(UserAccountState.empty(), Fixtures.event("created"));
      switch (command) {
        case "create" -> {
          kind = 0;
          state = UserAccountState.empty();
          cmd = new CreateUserAccount(Fixtures.ID, new FirstName(Fixtures.FIRST_NAME),
              new LastName(Fixtures.LAST_NAME), new EmailAddress(Fixtures.EMAIL));
        }
        case "rename" -> {
          kind = 1;
          state = active;
          cmd = new RenameUserAccount(Fixtures.ID, new FirstName(Fixtures.NEW_FIRST_NAME),
              new LastName(Fixtures.NEW_LAST_NAME));
        }
        case "delete" -> {
          kind = 2;
          state = active;
          cmd = new DeleteUserAccount(Fixtures.ID);
        }
        default -> throw new IllegalArgumentException(command);
      }
      Decision decision = UserAccountAggregate.decide(state, cmd, ctx);
      if (!(decision instanceof Decision.Accepted accepted) || accepted.events().size() != 1
          || !accepted.events().get(0).equals(newEvent(this))) {
        throw new IllegalStateException("the decision is not the baseline's event: " + decision);
      }
    }
  }

  /** Raw create input, as a client sends it. */
  @State(Scope.Benchmark)
  public static class RawCreate {
    final String firstName = " " + Fixtures.FIRST_NAME + " ";
    final String lastName = Fixtures.LAST_NAME;
    final String emailAddress = Fixtures.EMAIL;
    final DecisionContext ctx = Fixtures.context();
  }

  @Benchmark
  public void decideAndApply(Commands c, Blackhole bh) {
    Decision decision = UserAccountAggregate.decide(c.state, c.cmd, c.ctx);
    UserAccountState state = c.state;
    for (UserAccountEvent event : ((Decision.Accepted) decision).events()) {
      state = UserAccountAggregate.apply(state, event);
    }
    bh.consume(state);
  }

  @Benchmark
  public void newEventDirectly(Commands c, Blackhole bh) {
    bh.consume(newEvent(c));
  }

  private static UserAccountEvent newEvent(Commands c) {
    DecisionContext ctx = c.ctx;
    switch (c.kind) {
      case 0: {
        CreateUserAccount create = (CreateUserAccount) c.cmd;
        return new UserAccountCreated(ctx.newEventId(), create.userAccountId(), create.firstName(),
            create.lastName(), create.emailAddress(), ctx.now(), ctx.metadata());
      }
      case 1: {
        RenameUserAccount rename = (RenameUserAccount) c.cmd;
        return new UserAccountRenamed(ctx.newEventId(), rename.userAccountId(), rename.firstName(),
            rename.lastName(), ctx.now(), ctx.metadata());
      }
      default:
        return new UserAccountDeleted(ctx.newEventId(), c.cmd.userAccountId(), ctx.now(), ctx.metadata());
    }
  }

  @Benchmark
  public void validateDecideApplyCreate(RawCreate raw, Blackhole bh) {
    Validated<FirstName> first = FirstName.parse("firstName", raw.firstName);
    Validated<LastName> last = LastName.parse("lastName", raw.lastName);
    Validated<EmailAddress> email = EmailAddress.parse("emailAddress", raw.emailAddress);
    List<Violation> violations = Validated.violationsOf(first, last, email);
    if (!violations.isEmpty()) {
      throw new IllegalStateException(violations.toString());
    }
    CreateUserAccount create = new CreateUserAccount(Fixtures.ID, first.value(), last.value(), email.value());
    UserAccountState state = UserAccountState.empty();
    Decision decision = UserAccountAggregate.decide(state, create, raw.ctx);
    for (UserAccountEvent event : ((Decision.Accepted) decision).events()) {
      state = UserAccountAggregate.apply(state, event);
    }
    bh.consume(state);
  }
}
