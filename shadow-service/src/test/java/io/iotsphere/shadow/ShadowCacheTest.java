package io.iotsphere.shadow;

import static io.iotsphere.shadow.Fixtures.operator;
import static io.iotsphere.shadow.Fixtures.patch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsphere.shadow.config.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The service remembers the shadows it wrote last and starts the next update from them without a read. Whoever else
 * writes a shadow in between (another replica; a Redis that lost the last writes and was written again) must not be
 * overwritten: these tests write the hash behind the service's back, as another replica would, and check that the
 * next update is applied on top of what Redis holds.
 */
@QuarkusTest
class ShadowCacheTest {

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Test
    void aWriteByAnotherReplicaIsNotOverwritten() {
        String tenant = Fixtures.tenant();
        String id = Fixtures.deviceId();
        Fixtures.register(tenant, id);
        Fixtures.setDesired(tenant, id, "{\"a\":1}");

        writeBehindTheServicesBack(tenant, id, 2, "{\"a\":1,\"b\":2}", "another-replica");

        JsonNode shadow = Fixtures.setDesired(tenant, id, "{\"c\":3}");
        assertThat(shadow.at("/state/desired").toString()).isEqualTo("{\"a\":1,\"b\":2,\"c\":3}");
        assertThat(shadow.path("version").asLong()).isEqualTo(3);
    }

    @Test
    void theSameVersionWrittenAgainByAnotherWriterIsNotMistakenForTheRememberedOne() {
        String tenant = Fixtures.tenant();
        String id = Fixtures.deviceId();
        Fixtures.register(tenant, id);
        Fixtures.setDesired(tenant, id, "{\"a\":1}");
        Fixtures.setDesired(tenant, id, "{\"a\":2}");

        // Redis lost version 2 of this instance, and another writer made a version 2 of its own.
        writeBehindTheServicesBack(tenant, id, 2, "{\"a\":1,\"z\":9}", "other-version-2");

        JsonNode shadow = Fixtures.setDesired(tenant, id, "{\"c\":3}");
        assertThat(shadow.at("/state/desired").toString()).isEqualTo("{\"a\":1,\"z\":9,\"c\":3}");
        assertThat(shadow.path("version").asLong()).isEqualTo(3);
    }

    @Test
    void anExpectedVersionIsCheckedAgainstRedisNotAgainstTheRememberedShadow() {
        String tenant = Fixtures.tenant();
        String id = Fixtures.deviceId();
        Fixtures.register(tenant, id);
        Fixtures.setDesired(tenant, id, "{\"a\":1}");
        writeBehindTheServicesBack(tenant, id, 2, "{\"a\":5}", "another-replica");

        JsonNode shadow = Fixtures.json(patch(operator(tenant), id, "{\"state\":{\"desired\":{\"c\":3}},\"version\":2}")
                .then()
                .statusCode(200)
                .extract()
                .response());
        assertThat(shadow.at("/state/desired").toString()).isEqualTo("{\"a\":5,\"c\":3}");

        // Version 1, which the service wrote itself and no longer is the shadow's, is refused.
        patch(operator(tenant), id, "{\"state\":{\"desired\":{\"d\":4}},\"version\":1}")
                .then()
                .statusCode(409);
    }

    /** What another replica's write leaves: a new version, document and revision. */
    private void writeBehindTheServicesBack(String tenant, String id, long version, String desired, String rev) {
        String doc = "{\"state\":{\"desired\":" + desired + ",\"reported\":{}},\"metadata\":{\"desired\":{},"
                + "\"reported\":{}},\"version\":" + version + ",\"timestamp\":1}";
        redis.hash(String.class)
                .hset(keys.device(tenant, id), Map.of("version", Long.toString(version), "doc", doc, "rev", rev));
    }
}
