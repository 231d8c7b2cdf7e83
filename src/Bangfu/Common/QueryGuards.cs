using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http.Extensions;

namespace Bangfu.Common;

/// A page's typed query parameters ([SupplyParameterFromQuery] int?, DateOnly?, bool?…) make Blazor throw when a link
/// carries a value of the wrong shape (`?year=abc`), which is a 500 for a hand-edited or truncated link. Before a page
/// renders, a value that does not parse as its parameter's type is dropped by a redirect to the same page without it,
/// so that the browser's address, the prerendered page and the interactive circuit all see the same clean query.
public sealed class PageQueryGuardMiddleware(RequestDelegate next)
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<(string Name, Type Type)>> Typed = new();

    public Task InvokeAsync(HttpContext http)
    {
        if (!HttpMethods.IsGet(http.Request.Method) || http.Request.QueryString.Value is not { Length: > 1 }
            || http.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not { } page)
            return next(http);
        var bad = TypedParameters(page.Type)
            .Where(p => http.Request.Query.TryGetValue(p.Name, out var values) && !values.All(v => Parses(v, p.Type)))
            .Select(p => p.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (bad.Count == 0)
            return next(http);
        var kept = new QueryBuilder(http.Request.Query.Where(q => !bad.Contains(q.Key)).SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v ?? ""))));
        http.Response.Redirect(http.Request.PathBase + http.Request.Path + kept.ToQueryString());
        return Task.CompletedTask;
    }

    /// The query parameters of a page whose type is not a string, by the name the query carries them under.
    private static IReadOnlyList<(string Name, Type Type)> TypedParameters(Type component) =>
        Typed.GetOrAdd(component, t => t.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
            .Where(x => x.Attribute is not null && x.Property.PropertyType != typeof(string) && x.Property.PropertyType != typeof(string[]))
            .Select(x => (x.Attribute!.Name ?? x.Property.Name, x.Property.PropertyType))
            .ToList());

    /// Whether Blazor can bind the value to the type (the types it supports, invariant culture, empty means absent).
    private static bool Parses(string? value, Type type)
    {
        if (string.IsNullOrEmpty(value))
            return true;
        var t = type.IsArray ? type.GetElementType()! : type;
        t = Nullable.GetUnderlyingType(t) ?? t;
        var c = CultureInfo.InvariantCulture;
        return t switch
        {
            _ when t == typeof(int) => int.TryParse(value, NumberStyles.Integer, c, out _),
            _ when t == typeof(long) => long.TryParse(value, NumberStyles.Integer, c, out _),
            _ when t == typeof(bool) => bool.TryParse(value, out _),
            _ when t == typeof(decimal) => decimal.TryParse(value, NumberStyles.Number, c, out _),
            _ when t == typeof(double) => double.TryParse(value, NumberStyles.Float, c, out _),
            _ when t == typeof(float) => float.TryParse(value, NumberStyles.Float, c, out _),
            _ when t == typeof(Guid) => Guid.TryParse(value, out _),
            _ when t == typeof(DateOnly) => DateOnly.TryParse(value, c, DateTimeStyles.None, out _),
            _ when t == typeof(DateTime) => DateTime.TryParse(value, c, DateTimeStyles.None, out _),
            _ when t == typeof(TimeOnly) => TimeOnly.TryParse(value, c, DateTimeStyles.None, out _),
            _ => true,
        };
    }
}

/// No API query value may carry control characters: PostgreSQL refuses a NUL in any text parameter (a search for
/// `q=%00` was a 500 there), and no filter, search or scope is ever written with one. A field error names the key.
public sealed class ApiQueryGuardMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http)
    {
        if (http.Request.QueryString.Value is { Length: > 1 } && http.Request.Path.StartsWithSegments("/api"))
        {
            var errors = http.Request.Query
                .Where(q => StoredText.Problem(q.Key, isFreeText: false) is not null || q.Value.Any(v => v is not null && StoredText.Problem(v, isFreeText: true) is not null))
                .Select(q => new FieldError(q.Key, StoredText.ControlCharactersKey))
                .ToList();
            if (errors.Count > 0)
                throw new RequestValidationException(errors);
        }
        return next(http);
    }
}
