package dev.pcqrses.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaMigrationsTest {
  final SharedPostgres pg = SharedPostgres.get();

  @Test
  void migrating_again_applies_nothing() {
    assertThat(SchemaMigrations.migrate(pg.dataSource())).isZero();
  }

  @Test
  void every_migration_script_can_run_twice_on_an_existing_schema() throws Exception {
    // Idempotent DDL (DESIGN.md): a half-applied migration or a manual re-run does no harm.
    try (Connection c = pg.dataSource().getConnection(); Statement s = c.createStatement()) {
      for (String script : List.of("V1__journal.sql", "V2__projection_offsets.sql", "V3__read_model.sql")) {
        try (InputStream in = getClass().getResourceAsStream("/db/migration/" + script)) {
          s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
  }
}
