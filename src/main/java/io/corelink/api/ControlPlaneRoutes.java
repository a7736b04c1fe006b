package io.corelink.api;

import io.corelink.api.greengrass.BatchAssociateClientDeviceWithCoreDeviceHandler;
import io.corelink.api.greengrass.BatchDisassociateClientDeviceFromCoreDeviceHandler;
import io.corelink.api.greengrass.ListClientDevicesAssociatedWithCoreDeviceHandler;
import io.corelink.api.iot.CreateThingHandler;
import io.corelink.api.iot.DeleteThingHandler;
import io.corelink.api.iot.DescribeThingHandler;
import io.corelink.api.iot.ListThingsHandler;
import io.corelink.api.iot.UpdateThingHandler;
import io.corelink.service.AssociationService;
import io.corelink.service.ThingService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.PathTemplate;
import io.corelink.wire.http.Route;
import io.corelink.wire.http.Router;
import io.corelink.wire.paging.PageTokens;
import java.util.ArrayList;
import java.util.List;

/** The route table of the control plane: method + URI template of the AWS models → operation. */
public final class ControlPlaneRoutes {
    private static final String CORE_DEVICE = "/greengrass/v2/coreDevices/{coreDeviceThingName}";
    private final List<Route> routes = new ArrayList<>();

    private ControlPlaneRoutes() {
    }

    public static Router router(ThingService things, AssociationService associations, PageTokens tokens) {
        ControlPlaneRoutes table = new ControlPlaneRoutes();
        table.greengrass("POST", CORE_DEVICE + "/associateClientDevices", "BatchAssociateClientDeviceWithCoreDevice",
                new BatchAssociateClientDeviceWithCoreDeviceHandler(associations));
        table.greengrass("POST", CORE_DEVICE + "/disassociateClientDevices",
                "BatchDisassociateClientDeviceFromCoreDevice",
                new BatchDisassociateClientDeviceFromCoreDeviceHandler(associations));
        table.greengrass("GET", CORE_DEVICE + "/associatedClientDevices", "ListClientDevicesAssociatedWithCoreDevice",
                new ListClientDevicesAssociatedWithCoreDeviceHandler(associations, tokens));
        table.iot("POST", "/things/{thingName}", "CreateThing", new CreateThingHandler(things));
        table.iot("GET", "/things/{thingName}", "DescribeThing", new DescribeThingHandler(things));
        table.iot("PATCH", "/things/{thingName}", "UpdateThing", new UpdateThingHandler(things));
        table.iot("DELETE", "/things/{thingName}", "DeleteThing", new DeleteThingHandler(things));
        table.iot("GET", "/things", "ListThings", new ListThingsHandler(things, tokens));
        return new Router(table.routes);
    }

    private void greengrass(String method, String template, String name, Operation operation) {
        routes.add(new Route(method, PathTemplate.of(template), ServiceFamily.GREENGRASS, name, operation));
    }

    private void iot(String method, String template, String name, Operation operation) {
        routes.add(new Route(method, PathTemplate.of(template), ServiceFamily.IOT, name, operation));
    }
}
