package io.github.scratchpack.registry;

import com.google.cloud.tools.jib.api.RegistryAuthenticationFailedException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.http.ResponseException;
import com.google.cloud.tools.jib.registry.RegistryCredentialsNotSentException;
import io.github.scratchpack.credentials.CredentialChain;
import io.github.scratchpack.credentials.RegistryCredential;
import io.github.scratchpack.network.Causes;
import io.github.scratchpack.network.ConnectionFailures;
import io.github.scratchpack.network.RegistryAddress;
import java.io.IOException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Turns a failed push into one line for the person running the build: what went wrong at which registry, and the
 * one thing to do about it. Messages name where credentials came from, never the credentials themselves.
 */
final class FailureMessages {
    private FailureMessages() {
    }

    /**
     * Explains a failed push.
     *
     * @param failure what jib threw, after any retries
     * @param registry the registry
     * @param repository the repository pushed to
     * @param credentials where credentials were looked for and found
     * @param tags which tags were changed before the failure
     * @param implicitLibrary whether the repository is Docker Hub's {@code library/} namespace only because the image
     *     name had one part
     * @return the message
     */
    /** Whether the registry refused the credentials or the access: 401, 403, or the DENIED error code. */
    static boolean refused(Exception failure) {
        Optional<ResponseException> response = RegistryResponses.response(failure);
        int status = response.map(ResponseException::getStatusCode).orElse(0);
        return response.map(RegistryResponses::errorCodes).orElse(List.of()).contains("DENIED") || status == 403
                || status == 401 || failure instanceof RegistryUnauthorizedException
                || failure instanceof RegistryAuthenticationFailedException;
    }

    static String explain(Exception failure, RegistryAddress registry, String repository,
                          CredentialChain.Lookup credentials, TagProgress tags, boolean implicitLibrary) {
        String message = cause(failure, registry, repository, credentials, tags, implicitLibrary);
        if (tags.tagged().isEmpty() || message.contains(tags.sentence())) {
            return message;
        }
        return message + " Of the tags, " + tags.sentence() + ".";
    }

    private static String cause(Exception failure, RegistryAddress registry, String repository,
                                CredentialChain.Lookup credentials, TagProgress tags, boolean implicitLibrary) {
        if (failure instanceof RegistryCredentialsNotSentException) {
            return "The registry " + registry + " asked for credentials over plain HTTP, and scratchpack sends"
                    + " credentials unencrypted only to this machine. Serve the registry over HTTPS.";
        }
        Optional<ResponseException> response = RegistryResponses.response(failure);
        List<String> codes = response.map(RegistryResponses::errorCodes).orElse(List.of());
        int status = response.map(ResponseException::getStatusCode).orElse(0);
        String who = credentials.credential().map(credential -> "the credentials from " + credentials.source())
                .orElse("anonymous access");
        String tried = " Sources tried, in order: " + String.join("; ", credentials.tried()) + ".";
        String addCredentials = " Add a <server> with id " + registry.serverIds().get(0)
                + " to settings.xml, or log in with docker login or podman login.";
        boolean refused = refused(failure);
        if (implicitLibrary && refused) {
            return officialImagesOnly(registry, repository, credentials, detail(response));
        }
        if (codes.contains("DENIED") || status == 403) {
            if (credentials.credential().isEmpty()) {
                return "The registry " + registry + " denied anonymous access to " + repository + detail(response)
                        + ", and no credentials were found." + tried + addCredentials;
            }
            return "The registry " + registry + " denied " + who + " access to " + repository + detail(response)
                    + ". Check that this account may push to " + repository + "." + tried;
        }
        if (status == 401 || failure instanceof RegistryUnauthorizedException
                || failure instanceof RegistryAuthenticationFailedException) {
            if (credentials.credential().isPresent()) {
                return "Authentication with the registry " + registry + " failed: it rejected " + who + ". Fix the"
                        + " username or password there." + tried;
            }
            return "The registry " + registry + " needs credentials, and none were found." + tried + addCredentials;
        }
        if (codes.contains("NAME_UNKNOWN") || status == 404) {
            return "The registry " + registry + " has no repository " + repository + detail(response) + ". Create it"
                    + " in the registry, or fix the name in scratchpack.image.";
        }
        if (Causes.find(failure, SSLException.class).isPresent()) {
            return ConnectionFailures.tlsFailure(registry, Causes.find(failure, SSLException.class).get().getMessage());
        }
        if (Causes.find(failure, UnknownHostException.class).isPresent()) {
            return ConnectionFailures.unreachable(registry, "unknown host");
        }
        if (status == 429) {
            return "The registry " + registry + " kept answering HTTP 429 Too Many Requests" + detail(response)
                    + ", also after waiting as long as it asked; " + tags.sentence() + ". Wait until its rate limit resets,"
                    + " or push with another account, then push again.";
        }
        if (status >= 500) {
            return "The registry " + registry + " kept failing with HTTP " + status + detail(response) + "; "
                    + tags.sentence() + ". Check the registry's log, then push again.";
        }
        if (response.isEmpty() && Causes.find(failure, IOException.class).isPresent()) {
            IOException cause = Causes.find(failure, IOException.class).get();
            return "The registry " + registry + " stopped answering during the push (" + firstReason(cause) + "); "
                    + tags.sentence() + ". Check that the registry is running, then push again.";
        }
        return "Pushing to the registry " + registry + " failed: " + failure.getMessage();
    }

    /** The first message in a cause chain, as some HTTP client exceptions have none of their own; else the type. */
    private static String firstReason(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return cause.getMessage();
            }
        }
        return failure.getClass().getSimpleName();
    }

    /**
     * Docker Hub puts a one-part name such as {@code app} under {@code library/}, which holds only Docker's official
     * images, so every account is refused there; the account's rights are not the problem.
     */
    private static String officialImagesOnly(RegistryAddress registry, String repository,
                                             CredentialChain.Lookup credentials, String detail) {
        String name = repository.substring(repository.indexOf('/') + 1);
        String namespace = credentials.credential().map(RegistryCredential::username)
                .filter(user -> user.matches("[a-z0-9]+(?:[._-][a-z0-9]+)*")).orElse("<your-namespace>");
        return "The image name " + name + " has one part, so Docker Hub (" + registry + ") files it under "
                + repository + ", the namespace of Docker's official images, where no account may push" + detail
                + ". Put your Docker Hub user or organization in front of the name in scratchpack.image, such as "
                + namespace + "/" + name + ".";
    }

    private static String detail(Optional<ResponseException> response) {
        String message = response.map(RegistryResponses::firstErrorMessage).orElse("");
        List<String> codes = response.map(RegistryResponses::errorCodes).orElse(List.of());
        if (codes.isEmpty()) {
            return response.map(answer -> " (HTTP " + answer.getStatusCode() + ")").orElse("");
        }
        return " (" + codes.get(0) + (message.isEmpty() ? "" : ": " + message) + ")";
    }
}
