package io.iotsphere.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The AWS IoT Device Shadow semantics, as a table: each case applies its updates to a fresh shadow through the HTTP
 * API (desired as an operator, reported as the device itself) and checks desired, reported, delta and version.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShadowSemanticsTest {

    /** One update: {@code D} sets desired (operator), {@code R} sets reported (the device). */
    record Step(char who, String section) {}

    record Case(String name, List<Step> steps, String desired, String reported, String delta, long version) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Step d(String desired) {
        return new Step('D', desired);
    }

    private static Step r(String reported) {
        return new Step('R', reported);
    }

    private static Case c(String name, String desired, String reported, String delta, Step... steps) {
        return new Case(name, List.of(steps), desired, reported, delta, steps.length);
    }

    static Stream<Case> cases() {
        return Stream.of(
                c("an update creates the shadow", "{'t':50}", "{}", "{'t':50}", d("{'t':50}")),
                c(
                        "an update changes only the fields it names",
                        "{'a':1,'b':3}",
                        "{}",
                        "{'a':1,'b':3}",
                        d("{'a':1,'b':2}"),
                        d("{'b':3}")),
                c("null deletes a field", "{'b':2}", "{}", "{'b':2}", d("{'a':1,'b':2}"), d("{'a':null}")),
                c(
                        "desired: null clears the section and leaves reported",
                        "{}",
                        "{'x':1}",
                        "{}",
                        d("{'a':1}"),
                        r("{'x':1}"),
                        d("null")),
                c(
                        "reported: null clears the section",
                        "{'a':1}",
                        "{}",
                        "{'a':1}",
                        r("{'x':1}"),
                        d("{'a':1}"),
                        r("null")),
                c(
                        "nested objects merge",
                        "{'mode':{'eco':true,'level':3}}",
                        "{}",
                        "{'mode':{'eco':true,'level':3}}",
                        d("{'mode':{'eco':true,'level':2}}"),
                        d("{'mode':{'level':3}}")),
                c(
                        "null deletes a nested field",
                        "{'mode':{'level':2}}",
                        "{}",
                        "{'mode':{'level':2}}",
                        d("{'mode':{'eco':true,'level':2}}"),
                        d("{'mode':{'eco':null}}")),
                c("arrays replace whole", "{'l':[4]}", "{}", "{'l':[4]}", d("{'l':[1,2,3]}"), d("{'l':[4]}")),
                c(
                        "an object replaces a value",
                        "{'a':{'b':2}}",
                        "{}",
                        "{'a':{'b':2}}",
                        d("{'a':1}"),
                        d("{'a':{'b':2}}")),
                c("a value replaces an object", "{'a':5}", "{}", "{'a':5}", d("{'a':{'b':2}}"), d("{'a':5}")),
                c(
                        "null inside a new object sets nothing",
                        "{'a':{'c':1}}",
                        "{}",
                        "{'a':{'c':1}}",
                        d("{'a':{'b':null,'c':1}}")),
                c(
                        "delta holds the desired fields that differ; fields only reported are not in it",
                        "{'t':50,'m':'eco'}",
                        "{'t':50,'m':'boost','extra':1}",
                        "{'m':'eco'}",
                        d("{'t':50,'m':'eco'}"),
                        r("{'t':50,'m':'boost','extra':1}")),
                c("no delta when reported matches", "{'t':50}", "{'t':50}", "{}", d("{'t':50}"), r("{'t':50}")),
                c("numbers compare by value", "{'t':50}", "{'t':50.0}", "{}", d("{'t':50}"), r("{'t':50.0}")),
                c(
                        "nested delta holds only the nested fields that differ",
                        "{'mode':{'eco':true,'level':2}}",
                        "{'mode':{'eco':true,'level':1}}",
                        "{'mode':{'level':2}}",
                        d("{'mode':{'eco':true,'level':2}}"),
                        r("{'mode':{'eco':true,'level':1}}")),
                c(
                        "arrays compare whole in the delta",
                        "{'l':[1,2]}",
                        "{'l':[1,2,3]}",
                        "{'l':[1,2]}",
                        d("{'l':[1,2]}"),
                        r("{'l':[1,2,3]}")),
                c(
                        "a desired object against a reported value",
                        "{'a':{'b':1}}",
                        "{'a':1}",
                        "{'a':{'b':1}}",
                        d("{'a':{'b':1}}"),
                        r("{'a':1}")),
                c(
                        "reported later catching up empties the delta",
                        "{'t':55}",
                        "{'t':55}",
                        "{}",
                        d("{'t':55}"),
                        r("{'t':50}"),
                        r("{'t':55}")),
                c(
                        "every accepted update counts, even one that changes nothing",
                        "{'a':1}",
                        "{}",
                        "{'a':1}",
                        d("{'a':1}"),
                        d("{'a':1}")),
                c("deleting an absent field is accepted", "{'a':1}", "{}", "{'a':1}", d("{'a':1}"), d("{'zzz':null}")),
                c(
                        "strings, booleans and null-free arrays are kept as sent",
                        "{'s':'x','b':false,'l':['a',{'k':1}]}",
                        "{}",
                        "{'s':'x','b':false,'l':['a',{'k':1}]}",
                        d("{'s':'x','b':false,'l':['a',{'k':1}]}")));
    }

    private final List<String> devices = new ArrayList<>();
    private String tenant;

    /** One device per case, registered at once (RestAssured knows the test port only once a test runs). */
    private void registerOneDevicePerCase() {
        if (tenant != null) {
            return;
        }
        tenant = Fixtures.tenant();
        cases().forEach(c -> devices.add(Fixtures.deviceId()));
        Fixtures.register(tenant, devices.toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void appliesTheShadowRules(Case c) {
        registerOneDevicePerCase();
        String deviceId = devices.get(cases().map(Case::name).toList().indexOf(c.name()));
        JsonNode last = null;
        for (Step step : c.steps()) {
            String section = step.who() == 'D' ? "desired" : "reported";
            String token = step.who() == 'D' ? Fixtures.operator(tenant) : Fixtures.device(tenant, deviceId);
            String body = "{\"state\":{\"" + section + "\":" + step.section().replace('\'', '"') + "}}";
            last = Fixtures.json(Fixtures.patch(token, deviceId, body)
                    .then()
                    .statusCode(200)
                    .extract()
                    .response());
        }
        JsonNode read = Fixtures.json(Fixtures.get(Fixtures.operator(tenant), deviceId)
                .then()
                .statusCode(200)
                .extract()
                .response());
        for (JsonNode doc : List.of(last, read)) {
            assertSame("desired", doc.at("/state/desired"), c.desired());
            assertSame("reported", doc.at("/state/reported"), c.reported());
            assertSame("delta", doc.at("/state/delta"), c.delta());
            assertThat(doc.path("version").asLong()).as("version").isEqualTo(c.version());
        }
    }

    private static void assertSame(String what, JsonNode actual, String expected) {
        JsonNode want = Fixtures.json(expected.replace('\'', '"'));
        assertThat(Fixtures.sameJson(actual, want))
                .as(what + ": expected " + want + " but was " + actual)
                .isTrue();
    }
}
