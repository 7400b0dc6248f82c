package io.billfold.command.customer;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.billfold.api.customer.*;
import org.junit.jupiter.api.Test;
import java.util.List;

class ZzProbeTest {
    static CustomerDetails d(String phone, String country, String customData) {
        return new CustomerDetails("A", null, null, phone, country == null ? null : new Address(null,null,null,null,null,null,country), null, null, customData, null, null, null, null);
    }
    static void p(String label, java.util.concurrent.Callable<?> c) {
        try { System.out.println("PROBE " + label + " -> " + c.call()); } catch (Exception e) { System.out.println("PROBE " + label + " !! " + e); }
    }
    @Test
    void probe() {
        for (String[] pc : new String[][]{{"020 7946 0958","GB"},{"07700 900123","GB"},{"+1 415 555 0123",null},{"+1 650 253 0000",null},{"(650) 253-0000","US"},{"+44 7400 123456",null},{"+33 1 42 68 53 00",null},{"+49 30 901820",null}, {"12345", null}}) {
            p(pc[0] + "/" + pc[1], () -> CustomerValidation.normalise(d(pc[0], pc[1], null)).phoneNumber());
        }
        p("cd trailing", () -> CustomerValidation.normalise(d(null, null, "{\"a\":1} xyz")).customData());
        p("cd 1e400", () -> CustomerValidation.normalise(d(null, null, "{\"a\":1e400}")).customData());
        p("cd bigdec", () -> CustomerValidation.normalise(d(null, null, "{\"a\":0.10000000000000000000001, \"b\": 12345678901234567890123}")).customData());
        p("cd empty", () -> CustomerValidation.normalise(d(null, null, "")).customData());
        p("cd dup", () -> CustomerValidation.normalise(d(null, null, "{\"a\":1,\"a\":2}")).customData());
        p("patch unknown null", () -> CustomerMergePatch.apply(d(null,null,null), "{\"foo\":null}"));
        p("patch trailing", () -> CustomerMergePatch.apply(d(null,null,null), "{} {}"));
        p("patch null", () -> CustomerMergePatch.apply(d(null,null,null), null));
        p("patch empty", () -> CustomerMergePatch.apply(d(null,null,null), ""));
        p("patch taxinfo type", () -> CustomerMergePatch.apply(d(null,null,null), "{\"tax_info\":[{\"tax_code\":5}]}"));
        p("patch cd 1e400", () -> CustomerMergePatch.apply(d(null,null,"{\"a\":1}"), "{\"custom_data\":{\"b\":1e400}}"));
        p("patch bool", () -> CustomerMergePatch.apply(d(null,null,null), "{\"communications_enabled\":\"false\"}"));
        p("patch bool int", () -> CustomerMergePatch.apply(d(null,null,null), "{\"auto_charge_enabled\":1}"));
        p("patch name array", () -> CustomerMergePatch.apply(d(null,null,null), "{\"customer_name\":[\"x\"]}"));
        p("patch address str", () -> CustomerMergePatch.apply(d(null,null,null), "{\"address\":\"London\"}"));
        p("patch name float", () -> CustomerMergePatch.apply(d(null,null,null), "{\"customer_name\":1.5}"));
        p("patch name bool", () -> CustomerMergePatch.apply(d(null,null,null), "{\"customer_name\":true}"));
        p("patch ship null members", () -> CustomerMergePatch.apply(d(null,null,null), "{\"ship_to_address\":{\"city\":null}}"));
        p("example GB mobile", () -> PhoneNumberUtil.getInstance().getExampleNumber("GB"));
        p("blank country", () -> CustomerValidation.normalise(d(null, "  ", null)));
        p("email unicode local", () -> CustomerValidation.isEmail("jö@example.com"));
        p("email ip", () -> CustomerValidation.isEmail("a@[127.0.0.1]"));
        p("email trailing dot", () -> CustomerValidation.isEmail("a@example.com."));
        p("email numeric tld", () -> CustomerValidation.isEmail("a@example.123"));
        p("email xn tld", () -> CustomerValidation.isEmail("a@example.xn--p1ai"));
    }
}
