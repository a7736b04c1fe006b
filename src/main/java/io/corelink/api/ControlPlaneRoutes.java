package io.corelink.api;

import io.corelink.api.audit.AuditEventsHandler;
import io.corelink.api.greengrass.BatchAssociateClientDeviceWithCoreDeviceHandler;
import io.corelink.api.events.EventsHandler;
import io.corelink.service.AuditLog;
import io.corelink.service.ChangeEvents;
import io.corelink.api.greengrass.BatchDisassociateClientDeviceFromCoreDeviceHandler;
import io.corelink.api.greengrass.GetCertificateAuthoritiesHandler;
import io.corelink.api.greengrass.ListClientDevicesAssociatedWithCoreDeviceHandler;
import io.corelink.api.greengrass.DeleteCoreDeviceHandler;
import io.corelink.api.greengrass.DiscoveryDiagnosisHandler;
import io.corelink.api.greengrass.GetConnectivityInfoHandler;
import io.corelink.api.greengrass.GetCoreDeviceHandler;
import io.corelink.api.greengrass.ListCoreDevicesHandler;
import io.corelink.api.greengrass.ListTagsForResourceHandler;
import io.corelink.api.greengrass.TagResourceHandler;
import io.corelink.api.greengrass.UntagResourceHandler;
import io.corelink.api.greengrass.UpdateConnectivityInfoHandler;
import io.corelink.api.iot.AttachPolicyHandler;
import io.corelink.api.iot.AttachThingPrincipalHandler;
import io.corelink.api.iot.CreatePolicyHandler;
import io.corelink.api.iot.CreatePolicyVersionHandler;
import io.corelink.api.iot.DeletePolicyHandler;
import io.corelink.api.iot.DeletePolicyVersionHandler;
import io.corelink.api.iot.GetEffectivePoliciesHandler;
import io.corelink.api.iot.GetPolicyHandler;
import io.corelink.api.iot.GetPolicyVersionHandler;
import io.corelink.api.iot.IotTagsHandler;
import io.corelink.api.iot.ListAttachedPoliciesHandler;
import io.corelink.api.iot.ListPoliciesHandler;
import io.corelink.api.iot.ListPolicyPrincipalsHandler;
import io.corelink.api.iot.ListPolicyVersionsHandler;
import io.corelink.api.iot.ListPrincipalPoliciesHandler;
import io.corelink.api.iot.ListTargetsForPolicyHandler;
import io.corelink.api.iot.PrincipalPolicyHandler;
import io.corelink.api.iot.SetDefaultPolicyVersionHandler;
import io.corelink.api.iot.CreateCertificateFromCsrHandler;
import io.corelink.api.iot.CreateKeysAndCertificateHandler;
import io.corelink.api.iot.CreateThingHandler;
import io.corelink.api.iot.DeleteCertificateHandler;
import io.corelink.api.iot.DescribeCertificateHandler;
import io.corelink.api.iot.DetachThingPrincipalHandler;
import io.corelink.api.iot.ListCertificatesHandler;
import io.corelink.api.iot.ListPrincipalThingsHandler;
import io.corelink.api.iot.ListThingPrincipalsHandler;
import io.corelink.api.iot.RegisterCertificateWithoutCAHandler;
import io.corelink.api.iot.UpdateCertificateHandler;
import io.corelink.api.iot.DeleteThingHandler;
import io.corelink.api.iot.DescribeEndpointHandler;
import io.corelink.api.iot.DescribeThingHandler;
import io.corelink.api.iot.ListThingsHandler;
import io.corelink.api.iot.UpdateThingHandler;
import io.corelink.service.AssociationService;
import io.corelink.service.CertificateService;
import io.corelink.service.CoreDeviceService;
import io.corelink.service.DiscoveryDiagnosisService;
import io.corelink.service.IotPolicyService;
import io.corelink.service.PrincipalService;
import io.corelink.service.ThingService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.api.corelink.FaultsHandler;
import io.corelink.api.corelink.MetricsHandler;
import io.corelink.domain.Account;
import io.corelink.wire.pipeline.FaultInjection;
import org.jspecify.annotations.Nullable;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Permission;
import io.corelink.wire.http.PathTemplate;
import io.corelink.wire.http.Route;
import io.corelink.wire.http.Router;
import io.corelink.wire.paging.PageTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The route table of the control plane: method + URI template of the AWS models → operation. */
public final class ControlPlaneRoutes {
    private static final String CORE_DEVICE = "/greengrass/v2/coreDevices/{coreDeviceThingName}";
    private static final String CONNECTIVITY = "/greengrass/things/{thingName}/connectivityInfo";
    private static final String TAGS = "/tags/{resourceArn}";
    private static final String POLICY = "/policies/{policyName}";
    private static final String POLICY_VERSION = POLICY + "/version/{policyVersionId}";
    private final List<Route> routes = new ArrayList<>();
    private final RoutePermissions permissions;

    private ControlPlaneRoutes(Account account) {
        this.permissions = new RoutePermissions(account);
    }

    /** The services the control plane's operations use. */
    public record Services(ThingService things, AssociationService associations, CertificateService certificates,
                           PrincipalService principals, CoreDeviceService coreDevices,
                           DiscoveryDiagnosisService diagnosis, IotPolicyService policies, PageTokens tokens,
                           Account account, @Nullable FaultInjection faults, @Nullable AuditLog audit,
                           @Nullable ChangeEvents events, @Nullable String dataEndpointHost,
                           java.util.function.Supplier<String> metrics) {
    }

    public static Router router(Services services) {
        ThingService things = services.things();
        AssociationService associations = services.associations();
        CertificateService certificates = services.certificates();
        PrincipalService principals = services.principals();
        CoreDeviceService coreDevices = services.coreDevices();
        PageTokens tokens = services.tokens();
        ControlPlaneRoutes table = new ControlPlaneRoutes(services.account());
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
        table.iot("GET", "/endpoint", "DescribeEndpoint", new DescribeEndpointHandler(services.dataEndpointHost()));
        table.iot("POST", "/keys-and-certificate", "CreateKeysAndCertificate",
                new CreateKeysAndCertificateHandler(certificates));
        table.iot("POST", "/certificates", "CreateCertificateFromCsr",
                new CreateCertificateFromCsrHandler(certificates));
        table.iot("POST", "/certificate/register-no-ca", "RegisterCertificateWithoutCA",
                new RegisterCertificateWithoutCAHandler(certificates));
        table.iot("GET", "/certificates/{certificateId}", "DescribeCertificate",
                new DescribeCertificateHandler(certificates));
        table.iot("PUT", "/certificates/{certificateId}", "UpdateCertificate", new UpdateCertificateHandler(certificates));
        table.iot("DELETE", "/certificates/{certificateId}", "DeleteCertificate",
                new DeleteCertificateHandler(certificates));
        table.iot("GET", "/certificates", "ListCertificates", new ListCertificatesHandler(certificates, tokens));
        table.iot("PUT", "/things/{thingName}/principals", "AttachThingPrincipal",
                new AttachThingPrincipalHandler(principals),
                table.permissions.thingPrincipal("iot:AttachThingPrincipal"));
        table.iot("DELETE", "/things/{thingName}/principals", "DetachThingPrincipal",
                new DetachThingPrincipalHandler(principals),
                table.permissions.thingPrincipal("iot:DetachThingPrincipal"));
        table.iot("GET", "/things/{thingName}/principals", "ListThingPrincipals",
                new ListThingPrincipalsHandler(principals, tokens));
        table.iot("GET", "/principals/things", "ListPrincipalThings", new ListPrincipalThingsHandler(principals, tokens),
                RoutePermissions.principalHeader("iot:ListPrincipalThings", "x-amzn-principal"));
        table.iotPolicies(services.policies(), tokens);
        table.greengrass("GET", CORE_DEVICE, "GetCoreDevice", new GetCoreDeviceHandler(coreDevices));
        table.greengrass("DELETE", CORE_DEVICE, "DeleteCoreDevice", new DeleteCoreDeviceHandler(coreDevices));
        table.greengrass("GET", "/greengrass/v2/coreDevices", "ListCoreDevices",
                new ListCoreDevicesHandler(coreDevices, tokens));
        table.greengrass("GET", CONNECTIVITY, "GetConnectivityInfo", new GetConnectivityInfoHandler(coreDevices));
        table.greengrass("PUT", CONNECTIVITY, "UpdateConnectivityInfo", new UpdateConnectivityInfoHandler(coreDevices));
        table.greengrass("POST", TAGS, "TagResource", new TagResourceHandler(coreDevices));
        table.greengrass("DELETE", TAGS, "UntagResource", new UntagResourceHandler(coreDevices));
        table.greengrass("GET", TAGS, "ListTagsForResource", new ListTagsForResourceHandler(coreDevices));
        table.add("GET", "/corelink/v1/discoveryDiagnosis/{thingName}", ServiceFamily.GREENGRASS, "DiscoveryDiagnosis",
                new DiscoveryDiagnosisHandler(services.diagnosis()),
                table.permissions.thing("corelink:DiagnoseDiscovery"));
        table.add("GET", "/corelink/v1/coreDevices/{coreDeviceThingName}/certificateAuthorities",
                ServiceFamily.GREENGRASS, "GetCertificateAuthorities", new GetCertificateAuthoritiesHandler(coreDevices),
                table.permissions.coreDevice("corelink:GetCertificateAuthorities"));
        table.add("GET", "/corelink/v1/auditEvents", ServiceFamily.GREENGRASS, "LookupAuditEvents",
                new AuditEventsHandler(services.audit(), tokens, services.account()),
                RoutePermissions.fixed("corelink:LookupAuditEvents", "*"));
        ChangeEvents events = services.events();
        if (events != null) {
            // Only with change events on (--event-retention-days above 0): otherwise a 404 like any unknown route.
            table.add("GET", "/corelink/v1/events", ServiceFamily.GREENGRASS, "GetEvents",
                    new EventsHandler(events, services.account()), RoutePermissions.fixed("corelink:GetEvents", "*"));
        }
        table.add("GET", "/_corelink/metrics", ServiceFamily.GREENGRASS, "GetMetrics",
                new MetricsHandler(services.metrics()), RoutePermissions.fixed("corelink:GetMetrics", "*"));
        FaultInjection faults = services.faults();
        if (faults != null) {
            // Only with serve --fault-injection: otherwise the path is a 404 like any unknown route.
            FaultsHandler handler = new FaultsHandler(faults);
            for (String method : List.of("GET", "PUT", "DELETE")) {
                table.add(method, "/_corelink/faults", ServiceFamily.GREENGRASS, "Faults", handler,
                        RoutePermissions.fixed("corelink:ManageFaults", "*"));
            }
        }
        return new Router(table.routes);
    }

    /** The IoT policy operations (access-control.md §2), with the routes of the IoT model. */
    private void iotPolicies(IotPolicyService policies, PageTokens tokens) {
        iot("POST", POLICY, "CreatePolicy", new CreatePolicyHandler(policies));
        iot("GET", POLICY, "GetPolicy", new GetPolicyHandler(policies));
        iot("DELETE", POLICY, "DeletePolicy", new DeletePolicyHandler(policies));
        iot("GET", "/policies", "ListPolicies", new ListPoliciesHandler(policies, tokens));
        iot("POST", POLICY + "/version", "CreatePolicyVersion", new CreatePolicyVersionHandler(policies));
        iot("GET", POLICY + "/version", "ListPolicyVersions", new ListPolicyVersionsHandler(policies));
        iot("GET", POLICY_VERSION, "GetPolicyVersion", new GetPolicyVersionHandler(policies));
        iot("PATCH", POLICY_VERSION, "SetDefaultPolicyVersion", new SetDefaultPolicyVersionHandler(policies));
        iot("DELETE", POLICY_VERSION, "DeletePolicyVersion", new DeletePolicyVersionHandler(policies));
        iot("PUT", "/target-policies/{policyName}", "AttachPolicy", AttachPolicyHandler.attaching(policies),
                RoutePermissions.bodyMember("iot:AttachPolicy", "target"));
        iot("POST", "/target-policies/{policyName}", "DetachPolicy", AttachPolicyHandler.detaching(policies),
                RoutePermissions.bodyMember("iot:DetachPolicy", "target"));
        iot("POST", "/attached-policies/{target}", "ListAttachedPolicies",
                new ListAttachedPoliciesHandler(policies, tokens), RoutePermissions.label("iot:ListAttachedPolicies",
                        "target"));
        iot("POST", "/policy-targets/{policyName}", "ListTargetsForPolicy",
                new ListTargetsForPolicyHandler(policies, tokens), permissions.iotPolicy("iot:ListTargetsForPolicy"));
        iot("POST", "/effective-policies", "GetEffectivePolicies", new GetEffectivePoliciesHandler(policies),
                RoutePermissions.bodyMember("iot:GetEffectivePolicies", "principal"));
        iot("PUT", "/principal-policies/{policyName}", "AttachPrincipalPolicy",
                PrincipalPolicyHandler.attaching(policies),
                RoutePermissions.principalHeader("iot:AttachPrincipalPolicy", "x-amzn-iot-principal"));
        iot("DELETE", "/principal-policies/{policyName}", "DetachPrincipalPolicy",
                PrincipalPolicyHandler.detaching(policies),
                RoutePermissions.principalHeader("iot:DetachPrincipalPolicy", "x-amzn-iot-principal"));
        iot("GET", "/principal-policies", "ListPrincipalPolicies", new ListPrincipalPoliciesHandler(policies, tokens),
                RoutePermissions.principalHeader("iot:ListPrincipalPolicies", "x-amzn-iot-principal"));
        iot("GET", "/policy-principals", "ListPolicyPrincipals", new ListPolicyPrincipalsHandler(policies, tokens),
                permissions.policyHeader("iot:ListPolicyPrincipals"));
        iot("POST", "/tags", "TagResource", IotTagsHandler.tagResource(policies),
                RoutePermissions.iotTags("iot:TagResource"));
        iot("POST", "/untag", "UntagResource", IotTagsHandler.untagResource(policies),
                RoutePermissions.iotTags("iot:UntagResource"));
        iot("GET", "/tags", "ListTagsForResource", IotTagsHandler.listTagsForResource(policies),
                RoutePermissions.iotTags("iot:ListTagsForResource"));
    }

    /**
     * A Greengrass route, authorized as {@code greengrass:<name>} on the resource its template names: the core device,
     * the connectivity information, the tagged ARN, or {@code *}.
     */
    private void greengrass(String method, String template, String name, Operation operation) {
        String action = "greengrass:" + name;
        Function<ApiRequest, Permission> permission;
        if (template.startsWith(CORE_DEVICE)) {
            permission = permissions.coreDevice(action);
        } else if (template.equals(CONNECTIVITY)) {
            permission = permissions.connectivity(action);
        } else if (template.equals(TAGS)) {
            permission = RoutePermissions.greengrassTags(action);
        } else {
            permission = RoutePermissions.fixed(action, "*");
        }
        add(method, template, ServiceFamily.GREENGRASS, name, operation, permission);
    }

    /** An IoT route, authorized as {@code iot:<name>} on the resource its template names, or {@code *}. */
    private void iot(String method, String template, String name, Operation operation) {
        String action = "iot:" + name;
        Function<ApiRequest, Permission> permission;
        if (template.startsWith("/things/{thingName}")) {
            permission = permissions.thing(action);
        } else if (template.startsWith("/certificates/{certificateId}")) {
            permission = permissions.certificate(action);
        } else if (template.startsWith(POLICY)) {
            permission = "CreatePolicy".equals(name) ? permissions.creatingIotPolicy(action)
                    : permissions.iotPolicy(action);
        } else {
            permission = RoutePermissions.fixed(action, "*");
        }
        iot(method, template, name, operation, permission);
    }

    private void iot(String method, String template, String name, Operation operation,
                     Function<ApiRequest, Permission> permission) {
        add(method, template, ServiceFamily.IOT, name, operation, permission);
    }

    private void add(String method, String template, ServiceFamily family, String name, Operation operation,
                     Function<ApiRequest, Permission> permission) {
        routes.add(new Route(method, PathTemplate.of(template), family, name, operation, permission));
    }
}
