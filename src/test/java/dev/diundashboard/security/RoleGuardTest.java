package dev.diundashboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.diundashboard.platform.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RoleGuardTest {

    /** Every resource method of the application, as "METHOD Class.method", with what it needs. */
    private static Map<String, String> everyResourceMethod() {
        Map<String, String> needs = new TreeMap<>();
        new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.diundashboard")
                        .stream()
                        .filter(c -> c.isAnnotatedWith(Path.class))
                        .map(c -> c.reflect())
                        .filter(c -> !Modifier.isAbstract(c.getModifiers()))
                        .forEach(c -> {
                            for (Method m : c.getMethods()) {
                                Optional<String> http = Arrays.stream(m.getAnnotations())
                                        .filter(a -> a.annotationType().isAnnotationPresent(HttpMethod.class))
                                        .map(a -> a.annotationType().getSimpleName())
                                        .findFirst();
                                if (http.isPresent()) {
                                    needs.put(
                                            http.get() + " " + c.getSimpleName() + "." + m.getName(),
                                            RoleGuard.needed(m, c)
                                                    .map(Role::roleName)
                                                    .orElse("anyone"));
                                }
                            }
                        });
        return needs;
    }

    @Test
    void everyResourceMethodSaysWhoMayCallItAndOnlyReadsAreOpenToViewers() {
        Map<String, String> needs = everyResourceMethod();

        assertThat(needs).hasSizeGreaterThan(50);
        List<String> wrong = new ArrayList<>();
        needs.forEach((method, role) -> {
            boolean read = method.startsWith("GET ");
            boolean open = method.contains("WebhookResource.")
                    || method.contains("PageResource.")
                    || method.contains("SessionResource.");
            String expected = open ? "anyone" : read ? "viewer" : null;
            if (expected != null ? !expected.equals(role) : role.equals("viewer") || role.equals("anyone")) {
                wrong.add(method + " needs " + role);
            }
        });
        assertThat(wrong).isEmpty();
        assertThat(needs)
                .containsEntry("POST UpdatesResource.acknowledge", "operator")
                .containsEntry("DELETE UpdatesResource.delete", "operator")
                .containsEntry("PUT UpdatesResource.assignTag", "operator")
                .containsEntry("POST TagsResource.create", "admin")
                .containsEntry("POST TokensResource.create", "admin")
                .containsEntry("POST FeedTokensResource.create", "admin")
                .containsEntry("POST ChannelsResource.create", "admin")
                .containsEntry("GET FeedResource.feed", "viewer");
    }

    static class Unguarded {
        @GET
        public void read() {}
    }

    @RolesAllowed(Role.VIEWER_NAME)
    static class Guarded {
        @GET
        public void read() {}

        @POST
        @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
        public void write() {}

        @DELETE
        @RolesAllowed("root")
        public void unknown() {}
    }

    @Test
    void aMethodWithoutAGuardOrWithAnUnknownRoleStopsTheDeployment() throws Exception {
        assertThatThrownBy(() -> RoleGuard.needed(Unguarded.class.getMethod("read"), Unguarded.class))
                .hasMessageContaining("every resource method must say who may call it");
        assertThatThrownBy(() -> RoleGuard.needed(Guarded.class.getMethod("unknown"), Guarded.class))
                .hasMessageContaining("root");
        assertThat(RoleGuard.needed(Guarded.class.getMethod("read"), Guarded.class))
                .contains(Role.VIEWER);
        assertThat(RoleGuard.needed(Guarded.class.getMethod("write"), Guarded.class))
                .as("the least of the roles named")
                .contains(Role.OPERATOR);
    }

    @Test
    void eachRoleIncludesTheOnesBelowAndTheOldRoleMeansAdmin() {
        assertThat(Role.ADMIN.includes(Role.VIEWER)).isTrue();
        assertThat(Role.OPERATOR.includes(Role.ADMIN)).isFalse();
        assertThat(Role.named("dashboard")).contains(Role.ADMIN);
        assertThat(Role.named("viewer")).contains(Role.VIEWER);
        assertThat(Role.named("Viewer")).isEmpty();
    }
}
