package io.corelink.api.paging;

import io.corelink.service.Page;
import io.corelink.wire.paging.PageTokens;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * The response side of every keyset-paged listing: when more items follow, the token member holds the last item's
 * position, sealed for this listing's scope (the request side is {@code Violations.pageToken}).
 */
public final class Paging {
    private Paging() {
    }

    /**
     * @param member {@code nextToken}, or {@code nextMarker} for ListCertificates
     * @param position the keyset position of an item, as the listing's page-token parser reads it back
     */
    public static <T> void addNextToken(ObjectNode response, String member, PageTokens tokens, String scope,
                                        Page<T> page, Function<T, String> position) {
        if (page.hasMore()) {
            response.put(member, tokens.seal(scope, position.apply(page.items().get(page.items().size() - 1))));
        }
    }
}
