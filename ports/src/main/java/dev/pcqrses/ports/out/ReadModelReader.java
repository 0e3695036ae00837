package dev.pcqrses.ports.out;

import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.ports.in.UserAccountView;
import java.util.List;
import java.util.Optional;

/** Outbound port: reads the user-account read model. Deleted accounts are never returned. */
public interface ReadModelReader {

  Optional<UserAccountView> findById(UserAccountId id);

  /** Up to {@code limit} accounts with ids greater than {@code after} (all when null), by id. */
  List<UserAccountView> findAll(UserAccountId after, int limit);

  /**
   * Up to {@code limit} accounts, by id after {@code after}, whose first name, last name or
   * "first last" contains {@code term} ignoring case; every character of {@code term} is literal.
   */
  List<UserAccountView> search(String term, UserAccountId after, int limit);
}
