package dev.twlb.registry;

/** An error the API answers with, in Confluent's shape: HTTP status, error code, message. */
public final class RegistryError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int httpStatus;
  private final int errorCode;

  private RegistryError(int httpStatus, int errorCode, String message) {
    super(message);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public int errorCode() {
    return errorCode;
  }

  static RegistryError subjectNotFound(String subject) {
    return new RegistryError(404, 40401, "Subject '" + subject + "' not found.");
  }

  static RegistryError versionNotFound(int version) {
    return new RegistryError(404, 40402, "Version " + version + " not found.");
  }

  static RegistryError schemaNotFound() {
    return new RegistryError(404, 40403, "Schema not found");
  }

  static RegistryError schemaIdNotFound(int id) {
    return new RegistryError(404, 40403, "Schema " + id + " not found");
  }

  static RegistryError incompatible(String subject, String details) {
    return new RegistryError(409, 409, "Schema being registered is incompatible with an earlier schema for subject \""
        + subject + "\", details: " + details);
  }

  static RegistryError invalidSchema(String why) {
    return new RegistryError(422, 42201, "Invalid schema: " + why);
  }

  static RegistryError invalidVersion(String version) {
    return new RegistryError(422, 42202, "The specified version '" + version + "' is not a valid version id. "
        + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
  }

  static RegistryError badRequest(String why) {
    return new RegistryError(400, 400, why);
  }

  static RegistryError storeUnavailable(String why) {
    return new RegistryError(500, 50001, "Error in the backend data store: " + why);
  }
}
