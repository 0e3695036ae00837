package dev.pcqrses.adapters.http.graphql;

import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Builds executable schemas from the SDL files shipped in this module. */
final class Schemas {
  private Schemas() {}

  static GraphQLSchema load(String resource, RuntimeWiring wiring) {
    return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl(resource)), wiring);
  }

  /** The SDL text of a schema file (also served to clients who ask for it). */
  static String sdl(String resource) {
    try (InputStream in = Schemas.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
