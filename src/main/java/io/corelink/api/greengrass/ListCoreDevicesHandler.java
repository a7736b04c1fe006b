package io.corelink.api.greengrass;

import io.corelink.api.paging.Paging;
import io.corelink.domain.validation.Constraints;
import io.corelink.domain.coredevice.CoreDevice;
import io.corelink.domain.coredevice.CoreDeviceStatus;
import io.corelink.domain.thing.ThingName;
import io.corelink.service.CoreDeviceService;
import io.corelink.service.Page;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.QueryParameters;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;
import io.corelink.wire.paging.PageTokens;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /greengrass/v2/coreDevices}: by name, {@code maxResults} 1..100 (default 100), filtered by
 * {@code status}. Corelink has no thing groups or deployments and learns no runtime, so filtering by
 * {@code thingGroupArn} or {@code runtime} finds nothing.
 */
public final class ListCoreDevicesHandler implements Operation {
    static final int DEFAULT_PAGE = 100;
    private static final Pattern THING_GROUP_ARN = Pattern.compile("arn:[^:]*:iot:[^:]*:[0-9]+:thinggroup/.+");
    private final CoreDeviceService coreDevices;
    private final PageTokens tokens;

    public ListCoreDevicesHandler(CoreDeviceService coreDevices, PageTokens tokens) {
        this.coreDevices = coreDevices;
        this.tokens = tokens;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        QueryParameters query = request.query();
        Violations violations = new Violations(ServiceFamily.GREENGRASS);
        Integer maxResults = violations.integer("maxResults", query.first("maxResults"), 1, DEFAULT_PAGE);
        CoreDeviceStatus status = violations.optional("status", query.first("status"), CoreDeviceStatus::of);
        String group = violations.optional("thingGroupArn", query.first("thingGroupArn"), value -> {
            Constraints.pattern(value, THING_GROUP_ARN);
            return value;
        });
        String runtime = violations.optional("runtime", query.first("runtime"), value -> {
            Constraints.length(value, 1, 255);
            return value;
        });
        String scope = "ListCoreDevices\u0000" + status + "\u0000" + group + "\u0000" + runtime;
        String token = query.first("nextToken");
        ThingName after = violations.pageToken(tokens, "nextToken", scope, token, ThingName::of);
        violations.throwIfAny();
        Page<CoreDevice> page = group != null || runtime != null ? new Page<>(List.of(), false)
                : coreDevices.list(status, after, maxResults == null ? DEFAULT_PAGE : maxResults);
        ObjectNode response = Json.object();
        ArrayNode items = response.putArray("coreDevices");
        page.items().forEach(device -> items.add(CoreDeviceJson.summary(device, coreDevices.statusOf(device))));
        Paging.addNextToken(response, "nextToken", tokens, scope, page, device -> device.name().value());
        return ApiResponse.ok(response);
    }
}
