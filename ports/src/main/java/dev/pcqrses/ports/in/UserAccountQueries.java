package dev.pcqrses.ports.in;

import java.util.Optional;

/** Inbound port: what a client may ask about user accounts. Deleted accounts are never shown. */
public interface UserAccountQueries {
  /** Default page size. */
  int DEFAULT_PAGE_SIZE = 20;
  /** Largest page size a client may ask for. */
  int MAX_PAGE_SIZE = 100;
  /** Longest search term, in code points. */
  int MAX_SEARCH_TERM_LENGTH = 100;

  /** The account with this id, or empty when there is none (or it is deleted). */
  QueryResult<Optional<UserAccountView>> getUserAccount(String userAccountId);

  /**
   * Accounts in id order (ULIDs: creation order), {@code first} at a time after the cursor.
   *
   * @param first number of items, 1 to {@link #MAX_PAGE_SIZE}; null for {@link #DEFAULT_PAGE_SIZE}
   * @param after an {@code endCursor} from a previous page, or null for the first page
   */
  QueryResult<Page<UserAccountView>> getUserAccounts(Integer first, String after);

  /**
   * Accounts whose first, last or full name contains {@code searchTerm}, ignoring case. Every
   * character of the term is literal ({@code %} and {@code _} included).
   */
  QueryResult<Page<UserAccountView>> searchUserAccounts(String searchTerm, Integer first, String after);
}
