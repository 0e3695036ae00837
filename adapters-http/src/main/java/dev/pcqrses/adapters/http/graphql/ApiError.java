package dev.pcqrses.adapters.http.graphql;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.execution.ResultPath;
import graphql.language.SourceLocation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A GraphQL error of ours: a message for people and a stable {@link ErrorCode} for programs. */
public final class ApiError implements GraphQLError {
  private final String message;
  private final ErrorCode code;
  private final List<SourceLocation> locations;
  private final List<Object> path;
  private final Map<String, Object> extensions;

  private ApiError(String message, ErrorCode code, List<SourceLocation> locations, List<Object> path,
      Map<String, Object> details) {
    this.message = message;
    this.code = code;
    this.locations = locations;
    this.path = path;
    Map<String, Object> ext = new LinkedHashMap<>();
    ext.put("code", code.name());
    ext.putAll(details);
    this.extensions = java.util.Collections.unmodifiableMap(ext); // "code" first, for people reading it
  }

  public static ApiError of(ErrorCode code, String message) {
    return new ApiError(message, code, null, null, Map.of());
  }

  public static ApiError of(ErrorCode code, String message, Map<String, Object> details) {
    return new ApiError(message, code, null, null, details);
  }

  /** The same error placed at a field of the response. */
  public ApiError at(SourceLocation location, ResultPath resultPath) {
    return new ApiError(message, code, location == null ? null : List.of(location),
        resultPath == null ? null : resultPath.toList(), extensionsWithoutCode());
  }

  /** An error graphql-java produced, given our code and, where {@code keepMessage}, its message. */
  public static ApiError from(GraphQLError error, ErrorCode code, String message) {
    return new ApiError(message, code, error.getLocations(), error.getPath(), Map.of());
  }

  private Map<String, Object> extensionsWithoutCode() {
    Map<String, Object> details = new LinkedHashMap<>(extensions);
    details.remove("code");
    return details;
  }

  public ErrorCode code() {
    return code;
  }

  @Override
  public String getMessage() {
    return message;
  }

  @Override
  public List<SourceLocation> getLocations() {
    return locations;
  }

  @Override
  public List<Object> getPath() {
    return path;
  }

  @Override
  public ErrorClassification getErrorType() {
    return ErrorClassification.errorClassification(code.name());
  }

  @Override
  public Map<String, Object> getExtensions() {
    return extensions;
  }

  /** The specification's error shape; only {@code extensions.code} classifies (no "classification"). */
  @Override
  public Map<String, Object> toSpecification() {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("message", message);
    if (locations != null && !locations.isEmpty()) {
      spec.put("locations", locations.stream()
          .map(l -> {
            Map<String, Object> location = new LinkedHashMap<>();
            location.put("line", l.getLine());
            location.put("column", l.getColumn());
            return location;
          })
          .toList());
    }
    if (path != null) {
      spec.put("path", path);
    }
    spec.put("extensions", extensions);
    return spec;
  }
}
