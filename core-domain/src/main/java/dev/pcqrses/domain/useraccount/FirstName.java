package dev.pcqrses.domain.useraccount;

import dev.pcqrses.domain.Validated;

/**
 * A person's first (given) name: 1 to 100 Unicode code points after trimming surrounding white
 * space (Unicode spaces and invisible characters included), with a visible character and no unsafe
 * ones (see {@link dev.pcqrses.domain.DomainText#unsafeCharacter}).
 *
 * @param value the trimmed name
 */
public record FirstName(String value) {
  public FirstName {
    PersonNameRules.requireValid(value);
  }

  /** Reads a name sent by a client (trimming it), or reports why it is not acceptable. */
  public static Validated<FirstName> parse(String field, String raw) {
    String trimmed = PersonNameRules.normalize(raw);
    String problem = PersonNameRules.problem(trimmed);
    return problem == null ? Validated.valid(new FirstName(trimmed)) : Validated.invalid(field, problem);
  }

  @Override
  public String toString() {
    return value;
  }
}
