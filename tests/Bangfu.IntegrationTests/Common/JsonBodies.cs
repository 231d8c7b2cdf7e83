using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Bangfu.IntegrationTests.Common;

/// What the body sweeps share: request bodies shaped from a request type, records read back and cut to a request's
/// fields, and whether an answer is a problem.
public static class JsonBodies
{
    /// The demo records a body's fields are filled with where a field is named after one (organizationId, expertId…),
    /// so that a handler gets past its lookups to the inside.
    public static Dictionary<string, string> KnownIds(Dictionary<string, string> ids) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["partnershipId"] = ids["partnerships/id"],
        ["organizationId"] = ids["organizations/id"],
        ["hostOrganizationId"] = ids["organizations/id"],
        ["hubOrganizationId"] = ids["organizations/id"],
        ["personId"] = ids["people/id"],
        ["expertId"] = ids["people/id"],
    };

    /// The version of the record the route changes, read from the route's own path or (for an action such as
    /// …/{id}/session/start) from the record's path above it; null when nothing there answers with one.
    public static async Task<int?> CurrentVersionAsync(HttpClient client, string route, string path)
    {
        var routeSegments = route.TrimEnd('/').Split('/');
        var pathSegments = path.TrimEnd('/').Split('/');
        for (var n = pathSegments.Length; n > 2; n--)
        {
            using var response = await client.GetAsync(string.Join('/', pathSegments[..n]));
            if (response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == "application/json"
                && JsonNode.Parse(await response.Content.ReadAsStringAsync()) is JsonObject dto && dto["version"] is JsonValue version)
                return version.GetValue<int>();
            if (routeSegments[n - 1].Contains('{', StringComparison.Ordinal))
                break;
        }
        return null;
    }

    /// For a create, the path of a record of the kind it creates: the one that the route updating such records (the
    /// PUT taking the same request) is filled with.
    public static string? Echo(ApiRoute route, List<ApiRoute> routes, Dictionary<string, string> ids) =>
        route.Method == "POST" && IsObject(route.BodyType) && routes.FirstOrDefault(r => r.Method == "PUT" && r.BodyType == route.BodyType) is { } put
            ? ApiRouteWalk.Fill(put.Route, ids, []) : null;

    /// The record at <paramref name="path"/> as the user reads it, cut to the fields of <paramref name="bodyType"/>:
    /// read from the path itself or, for a part of a record without a read of its own (a plan's goal, a hospital's
    /// department), found by its id in what the paths above it answer. Null when the user cannot read it.
    public static async Task<JsonObject?> TemplateAsync(HttpClient client, string path, Type bodyType)
    {
        var segments = path.TrimEnd('/').Split('/');
        for (var n = segments.Length; n > 2; n--)
        {
            using var response = await client.GetAsync(string.Join('/', segments[..n]));
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "application/json")
                continue;
            var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            var record = n == segments.Length ? answer as JsonObject : Find(Part(answer, segments[^2]), segments[^1]);
            if (record is not null)
                return Project(record, bodyType) as JsonObject;
        }
        return null;
    }

    /// Where the parts named by a path segment ("action-items") are in a record: its list of that name (actionItems),
    /// or the answer itself when it is a list (or a page of one).
    public static JsonArray? Part(JsonNode? answer, string segment)
    {
        var name = JsonNamingPolicy.CamelCase.ConvertName(string.Concat(segment.Split('-').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..])));
        return answer switch
        {
            JsonArray list => list,
            JsonObject o when o[name] is JsonArray parts => parts,
            JsonObject o when o["items"] is JsonArray page => page,
            _ => null,
        };
    }

    /// The object with the given id in <paramref name="node"/>.
    public static JsonObject? Find(JsonNode? node, string id) => node switch
    {
        JsonObject o when o["id"] is JsonValue v && v.ToJsonString().Trim('"') == id => o,
        JsonObject o => o.Select(p => Find(p.Value, id)).FirstOrDefault(f => f is not null),
        JsonArray a => a.Select(x => Find(x, id)).FirstOrDefault(f => f is not null),
        _ => null,
    };

    public static JsonNode? Project(JsonNode? node, Type type)
    {
        if (node is JsonObject o && IsObject(type))
        {
            var cut = new JsonObject();
            foreach (var p in Properties(type))
                if (o.TryGetPropertyValue(Name(p), out var value))
                    cut[Name(p)] = Project(value, p.PropertyType);
            return cut;
        }
        if (node is JsonArray a && IsList(type, out var item))
            return new JsonArray([.. a.Select(x => Project(x, item))]);
        return node?.DeepClone();
    }

    /// The paths of every field of the body, those inside objects too ("patient.sex"), and whether it is a list.
    public static IEnumerable<(string Field, bool IsList)> Fields(JsonObject body, string prefix) =>
        body.SelectMany(p => p.Value is JsonObject inner ? [(prefix + p.Key, false), .. Fields(inner, prefix + p.Key + ".")] : new[] { (prefix + p.Key, p.Value is JsonArray) });

    public static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0);

    public static string Name(PropertyInfo p) => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name);

    public static bool IsObject(Type? t) => t is not null && !IsValue(t) && !IsList(t, out _);

    public static bool IsValue(Type t) => t == typeof(string) || t.IsValueType;

    public static bool IsList(Type t, out Type item)
    {
        item = t.IsArray ? t.GetElementType()! : t.IsGenericType ? t.GetGenericArguments()[0] : typeof(object);
        return t != typeof(string) && typeof(IEnumerable).IsAssignableFrom(t);
    }

    /// An object with every property of <paramref name="type"/> set by <paramref name="value"/>, and the version if given.
    public static string Shaped(Type type, Func<string, Type, JsonNode?> value, int? version)
    {
        var body = new JsonObject();
        foreach (var p in Properties(type))
        {
            var v = Name(p) == "version" && version is not null ? version : value(Name(p), p.PropertyType);
            // A field that cannot be null (a bool) is left out: null there is refused before the handler is reached.
            if (v is not null || !p.PropertyType.IsValueType || Nullable.GetUnderlyingType(p.PropertyType) is not null)
                body[Name(p)] = v;
        }
        return body.ToJsonString();
    }

    public static bool IsProblem(string body) => IsProblem(body, 400);

    /// A problem (RFC 9457) with a title and the answer's own status.
    public static bool IsProblem(string body, int expected)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject problem
                   && problem["title"] is JsonValue title && !string.IsNullOrWhiteSpace(title.GetValue<string>())
                   && problem["status"] is JsonValue status && status.GetValue<int>() == expected;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
