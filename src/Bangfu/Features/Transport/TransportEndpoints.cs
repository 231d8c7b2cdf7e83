using Bangfu.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bangfu.Features.Transport;

public static class TransportEndpoints
{
    public static IEndpointRouteBuilder MapTransportEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/transport").WithTags("Transport");
        api.MapGet("/centres", ListCentresAsync);
        api.MapPost("/centres", CreateCentreAsync);
        api.MapGet("/centres/{id:int}/vehicles", ListVehiclesAsync);
        api.MapPost("/centres/{id:int}/vehicles", AddVehicleAsync);
        api.MapGet("/centres/{id:int}/crew-candidates", CrewAsync);
        api.MapPut("/vehicles/{id:int}", UpdateVehicleAsync);
        api.MapGet("/requests", ListRequestsAsync);
        app.MapPost("/api/referrals/{id:int}/transport", RequestAsync).WithTags("Transport");
        api.MapPost("/runs/{id:int}/assign", AssignAsync);
        api.MapPost("/runs/{id:int}/departed", (int id, LogTransportRequest? r, HttpContext http, TransportService s, CancellationToken ct) => LogAsync(id, TransportEvent.Departed, r, http, s, ct));
        api.MapPost("/runs/{id:int}/arrived", (int id, LogTransportRequest? r, HttpContext http, TransportService s, CancellationToken ct) => LogAsync(id, TransportEvent.Arrived, r, http, s, ct));
        api.MapPost("/runs/{id:int}/handed-over", (int id, LogTransportRequest? r, HttpContext http, TransportService s, CancellationToken ct) => LogAsync(id, TransportEvent.HandedOver, r, http, s, ct));
        return app;
    }

    public static async Task<Ok<IReadOnlyList<CentreDto>>> ListCentresAsync(HttpContext http, TransportService service, bool? mine, CancellationToken ct) =>
        TypedResults.Ok(await service.ListCentresAsync(http.Scope(), mine ?? false, ct));

    public static async Task<Created<CentreDto>> CreateCentreAsync(SaveCentreRequest request, HttpContext http, TransportService service, CancellationToken ct)
    {
        var c = await service.CreateCentreAsync(http.Scope(), request, ct);
        return TypedResults.Created($"/api/transport/centres/{c.Id}", c);
    }

    public static async Task<Results<Ok<IReadOnlyList<VehicleDto>>, NotFound>> ListVehiclesAsync(int id, HttpContext http, TransportService service, CancellationToken ct) =>
        await service.ListVehiclesAsync(http.Scope(), id, ct) is { } v ? TypedResults.Ok(v) : TypedResults.NotFound();

    public static async Task<Results<Created<VehicleDto>, NotFound>> AddVehicleAsync(int id, SaveVehicleRequest request, HttpContext http, TransportService service, CancellationToken ct) =>
        await service.AddVehicleAsync(http.Scope(), id, request, ct) is { } v ? TypedResults.Created($"/api/transport/vehicles/{v.Id}", v) : TypedResults.NotFound();

    public static async Task<Results<Ok<VehicleDto>, NotFound>> UpdateVehicleAsync(int id, SaveVehicleRequest request, HttpContext http, TransportService service, CancellationToken ct) =>
        await service.UpdateVehicleAsync(http.Scope(), id, request, ct) is { } v ? TypedResults.Ok(v) : TypedResults.NotFound();

    public static async Task<Results<Ok<IReadOnlyList<CrewMemberDto>>, NotFound>> CrewAsync(int id, HttpContext http, TransportService service, CancellationToken ct) =>
        await service.CrewCandidatesAsync(http.Scope(), id, ct) is { } v ? TypedResults.Ok(v) : TypedResults.NotFound();

    public static async Task<Ok<IReadOnlyList<TransportRequestItem>>> ListRequestsAsync(HttpContext http, TransportService service, int? centreId, bool? open, CancellationToken ct) =>
        TypedResults.Ok(await service.ListRequestsAsync(http.Scope(), centreId, open ?? false, ct));

    public static async Task<Results<Created<TransportRunDto>, NotFound>> RequestAsync(int id, RequestTransportRequest request, HttpContext http, TransportService service, CancellationToken ct) =>
        await service.RequestAsync(http.Scope(), id, request, ct) is { } r ? TypedResults.Created($"/api/referrals/{id}", r) : TypedResults.NotFound();

    public static async Task<Results<Ok<TransportRunDto>, NotFound>> AssignAsync(int id, AssignRunRequest request, HttpContext http, TransportService service, CancellationToken ct) =>
        await service.AssignAsync(http.Scope(), id, request, ct) is { } r ? TypedResults.Ok(r) : TypedResults.NotFound();

    public static async Task<Results<Ok<TransportRunDto>, NotFound>> LogAsync(int id, TransportEvent e, LogTransportRequest? request, HttpContext http, TransportService service, CancellationToken ct) =>
        await service.LogAsync(http.Scope(), id, e, request ?? new LogTransportRequest(), ct) is { } r ? TypedResults.Ok(r) : TypedResults.NotFound();
}
