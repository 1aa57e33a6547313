/**
 * Generated from openapi.yaml by `npm run types` (openapi-typescript). Do not edit.
 */

export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness. No I/O. */
        get: operations["getLiveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /** Liveness, headers only. */
        head: operations["headLiveness"];
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness. Answers 200 only when the items table answers. */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /** Readiness, headers only. */
        head: operations["headReadiness"];
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document, as JSON (served before validation; not itself validated). */
        get: operations["getOpenApiDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /** This document, headers only. */
        head: operations["headOpenApiDocument"];
        patch?: never;
        trace?: never;
    };
    "/v1/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List items, newest first. */
        get: operations["listItems"];
        put?: never;
        /** Create an item. The server assigns its id. */
        post: operations["createItem"];
        delete?: never;
        options?: never;
        /** List items, headers only. */
        head: operations["headItems"];
        patch?: never;
        trace?: never;
    };
    "/v1/items/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Server-generated UUID (lower-case, version 4). */
                id: components["parameters"]["ItemId"];
            };
            cookie?: never;
        };
        /** Read one item. */
        get: operations["getItem"];
        /** Replace an item (full replace; omitted optional fields are removed). */
        put: operations["replaceItem"];
        post?: never;
        /** Delete an item. */
        delete: operations["deleteItem"];
        options?: never;
        /** Read one item, headers only. */
        head: operations["headItem"];
        /** Update an item with a JSON merge patch (RFC 7396); null removes an optional field. */
        patch: operations["updateItem"];
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Health: {
            /** @enum {string} */
            status: "ok";
        };
        /** @enum {string} */
        ItemStatus: "active" | "archived";
        ItemInput: {
            name: components["schemas"]["ItemName"];
            description?: components["schemas"]["ItemDescription"];
            price?: components["schemas"]["ItemPrice"];
            tags?: components["schemas"]["ItemTags"];
            /** @default active */
            status: components["schemas"]["ItemStatus"];
        };
        /** @description JSON merge patch (RFC 7396) of an item. `null` removes `description` or `price`, and empties `tags`. `name` and `status` cannot be removed. */
        ItemPatch: {
            name?: components["schemas"]["ItemName"];
            description?: string | null;
            price?: number | null;
            tags?: string[] | null;
            status?: components["schemas"]["ItemStatus"];
        };
        /** @description At least one non-space character. */
        ItemName: string;
        ItemDescription: string;
        ItemPrice: number;
        ItemTags: string[];
        Item: {
            /** Format: uuid */
            id: string;
            name: components["schemas"]["ItemName"];
            description?: components["schemas"]["ItemDescription"];
            price?: components["schemas"]["ItemPrice"];
            tags: components["schemas"]["ItemTags"];
            status: components["schemas"]["ItemStatus"];
            version: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        ItemPage: {
            items: components["schemas"]["Item"][];
            /** @description Pass as `cursor` to get the next page. Absent on the last page. */
            nextCursor?: string;
        };
        /** @description RFC 9457 problem details. */
        Problem: {
            /** Format: uri */
            type: string;
            title: string;
            status: number;
            detail?: string;
            instance?: string;
            requestId?: string;
            /** @description One entry per invalid field (validation problems only). */
            errors?: {
                path: string;
                message: string;
                code?: string;
            }[];
        };
    };
    responses: {
        /** @description The bearer token is missing (where required), malformed, expired or not trusted. */
        Unauthorized: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The bearer token is malformed, expired or not trusted. */
        UnauthorizedHead: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description The token is valid but lacks the scope this operation needs (`items:write`). */
        Forbidden: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description A request with the same Idempotency-Key is still being processed; retry later. */
        IdempotencyInProgress: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The Idempotency-Key was already used with a different request body. */
        IdempotencyKeyReused: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request is malformed or fails validation. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No such resource. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description If-Match did not match the current ETag. */
        PreconditionFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The body exceeds the configured limit. */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The content type or charset is not accepted here. */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Rate limit exceeded. */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Rate limit exceeded. */
        TooManyRequestsHead: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Unexpected error. Details are logged, never returned. */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The store accepted the request but did not answer within the configured budget (DYNAMODB_TIMEOUT_MS x DYNAMODB_MAX_ATTEMPTS), which is kept below the Lambda timeout. */
        StoreTimeout: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The store cannot be reached; retry later. */
        ServiceUnavailable: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /** @description Makes a create safe to retry. The same key (per caller) with the same body returns the original response; with a different body, 422; while the first request is in flight, 409. Keys are remembered for IDEMPOTENCY_TTL_S (24 h by default). */
        IdempotencyKey: string;
        /** @description Server-generated UUID (lower-case, version 4). */
        ItemId: string;
        /** @description Page size. */
        Limit: number;
        /** @description Opaque, signed cursor from a previous page's `nextCursor`. */
        Cursor: string;
        /** @description Only items with this status. */
        StatusFilter: components["schemas"]["ItemStatus"];
        /** @description `*` or a list of strong entity tags. The write happens only if the item's current ETag is listed (enforced by a conditional write); otherwise 412. */
        IfMatch: string;
        /** @description `*` or a list of entity tags; a match answers 304. */
        IfNoneMatch: string;
    };
    requestBodies: never;
    headers: {
        /** @description Strong entity tag derived from the item's version. */
        ETag: string;
        /** @description URL path of the created item. */
        Location: string;
        /** @description The bearer challenge (RFC 6750), e.g. Bearer realm="express-lambda-api", error="invalid_token". */
        WWWAuthenticate: string;
        /** @description Seconds to wait before retrying. */
        RetryAfter: number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getLiveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is up. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    headLiveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is up. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid query. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["UnauthorizedHead"];
            429: components["responses"]["TooManyRequestsHead"];
            /** @description Unexpected error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The store answers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["StoreTimeout"];
        };
    };
    headReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The store answers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid query. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["UnauthorizedHead"];
            429: components["responses"]["TooManyRequestsHead"];
            /** @description Unexpected error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The store cannot be reached. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The store did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getOpenApiDocument: {
        parameters: {
            query?: never;
            header?: {
                /** @description `*` or a list of entity tags; a match answers 304. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document requests are validated against. */
            200: {
                headers: {
                    /** @description Entity tag of the document; send it in If-None-Match to revalidate. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Not modified (If-None-Match matched). */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    headOpenApiDocument: {
        parameters: {
            query?: never;
            header?: {
                /** @description `*` or a list of entity tags; a match answers 304. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The document is available. */
            200: {
                headers: {
                    /** @description Entity tag of the document. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not modified (If-None-Match matched). */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["UnauthorizedHead"];
            429: components["responses"]["TooManyRequestsHead"];
            /** @description Unexpected error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listItems: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque, signed cursor from a previous page's `nextCursor`. */
                cursor?: components["parameters"]["Cursor"];
                /** @description Only items with this status. */
                status?: components["parameters"]["StatusFilter"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of items. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["StoreTimeout"];
        };
    };
    createItem: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a create safe to retry. The same key (per caller) with the same body returns the original response; with a different body, 422; while the first request is in flight, 409. Keys are remembered for IDEMPOTENCY_TTL_S (24 h by default). */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ItemInput"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Item"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["IdempotencyInProgress"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyReused"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["StoreTimeout"];
        };
    };
    headItems: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque, signed cursor from a previous page's `nextCursor`. */
                cursor?: components["parameters"]["Cursor"];
                /** @description Only items with this status. */
                status?: components["parameters"]["StatusFilter"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of items. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid query. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["UnauthorizedHead"];
            429: components["responses"]["TooManyRequestsHead"];
            /** @description Unexpected error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The store cannot be reached. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The store did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getItem: {
        parameters: {
            query?: never;
            header?: {
                /** @description `*` or a list of entity tags; a match answers 304. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description Server-generated UUID (lower-case, version 4). */
                id: components["parameters"]["ItemId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The item. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Item"];
                };
            };
            /** @description Not modified (If-None-Match matched). */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["StoreTimeout"];
        };
    };
    replaceItem: {
        parameters: {
            query?: never;
            header?: {
                /** @description `*` or a list of strong entity tags. The write happens only if the item's current ETag is listed (enforced by a conditional write); otherwise 412. */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                /** @description Server-generated UUID (lower-case, version 4). */
                id: components["parameters"]["ItemId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ItemInput"];
            };
        };
        responses: {
            /** @description Replaced. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Item"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["StoreTimeout"];
        };
    };
    deleteItem: {
        parameters: {
            query?: never;
            header?: {
                /** @description `*` or a list of strong entity tags. The write happens only if the item's current ETag is listed (enforced by a conditional write); otherwise 412. */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                /** @description Server-generated UUID (lower-case, version 4). */
                id: components["parameters"]["ItemId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            412: components["responses"]["PreconditionFailed"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["StoreTimeout"];
        };
    };
    headItem: {
        parameters: {
            query?: never;
            header?: {
                /** @description `*` or a list of entity tags; a match answers 304. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description Server-generated UUID (lower-case, version 4). */
                id: components["parameters"]["ItemId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The item exists. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not modified (If-None-Match matched). */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid id. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["UnauthorizedHead"];
            /** @description No such item. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            429: components["responses"]["TooManyRequestsHead"];
            /** @description Unexpected error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The store cannot be reached. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The store did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    updateItem: {
        parameters: {
            query?: never;
            header?: {
                /** @description `*` or a list of strong entity tags. The write happens only if the item's current ETag is listed (enforced by a conditional write); otherwise 412. */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                /** @description Server-generated UUID (lower-case, version 4). */
                id: components["parameters"]["ItemId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/merge-patch+json": components["schemas"]["ItemPatch"];
            };
        };
        responses: {
            /** @description Updated. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Item"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["StoreTimeout"];
        };
    };
}
