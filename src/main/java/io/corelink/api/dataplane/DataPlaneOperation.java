package io.corelink.api.dataplane;

import io.corelink.domain.discovery.DataPlaneCaller;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;

/** One data-plane operation, called by an authenticated certificate. */
@FunctionalInterface
public interface DataPlaneOperation {
    ApiResponse handle(ApiRequest request, DataPlaneCaller caller);
}
