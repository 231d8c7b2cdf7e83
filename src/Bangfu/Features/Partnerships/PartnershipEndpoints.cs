using Bangfu.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bangfu.Features.Partnerships;

public static class PartnershipEndpoints
{
    public static IServiceCollection AddPartnerships(this IServiceCollection services) => services.AddScoped<PartnershipService>();

    public static IEndpointRouteBuilder MapPartnershipEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/partnerships").WithTags("Partnerships");
        api.MapGet("/", ListAsync);
        api.MapGet("/{id:int}", GetAsync);
        api.MapPost("/", CreateAsync);
        api.MapPut("/{id:int}", UpdateAsync);
        api.MapDelete("/{id:int}", DeleteAsync);
        api.MapGet("/{id:int}/history", HistoryAsync);
        api.MapGet("/proposals", ProposalsAsync);

        api.MapGet("/{id:int}/members", ListMembersAsync);
        api.MapPost("/{id:int}/members", AddMemberAsync);
        api.MapPut("/{id:int}/members/{partyId:int}", UpdateMemberAsync);
        api.MapDelete("/{id:int}/members/{partyId:int}", RemoveMemberAsync);
        api.MapPost("/{id:int}/members/{partyId:int}/confirm", ConfirmMemberAsync);
        api.MapPost("/{id:int}/members/{partyId:int}/decline", DeclineMemberAsync);

        api.MapGet("/{id:int}/agreements", ListAgreementsAsync);
        api.MapPost("/{id:int}/agreements", AddAgreementAsync);
        api.MapPut("/{id:int}/agreements/{agreementId:int}", UpdateAgreementAsync);
        api.MapDelete("/{id:int}/agreements/{agreementId:int}", DeleteAgreementAsync);
        return app;
    }

    public static async Task<Ok<Page<PartnershipListItem>>> ListAsync(HttpContext http, PartnershipService service, string? q, PartnershipKind? kind,
        PartnershipStatus? status, string? regionPrefix, int? organizationId, int? page, int? pageSize, string? sort, bool? desc, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(http.Scope(), new PartnershipQuery(q, kind, status, regionPrefix, organizationId),
            new PageRequest(page ?? 1, pageSize ?? 20, sort, desc ?? false), ct));

    public static async Task<Results<Ok<PartnershipDto>, NotFound>> GetAsync(int id, HttpContext http, PartnershipService service, CancellationToken ct) =>
        await service.GetAsync(http.Scope(), id, ct) is { } p ? TypedResults.Ok(p) : TypedResults.NotFound();

    public static async Task<Created<PartnershipDto>> CreateAsync(SavePartnershipRequest request, HttpContext http, PartnershipService service, CancellationToken ct)
    {
        var p = await service.CreateAsync(http.Scope(), request, ct);
        return TypedResults.Created($"/api/partnerships/{p.Id}", p);
    }

    public static async Task<Results<Ok<PartnershipDto>, NotFound>> UpdateAsync(int id, SavePartnershipRequest request, HttpContext http, PartnershipService service, CancellationToken ct) =>
        await service.UpdateAsync(http.Scope(), id, request, ct) is { } p ? TypedResults.Ok(p) : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> DeleteAsync(int id, int? version, HttpContext http, PartnershipService service, CancellationToken ct) =>
        await service.DeleteAsync(http.Scope(), id, version, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<Ok<IReadOnlyList<HistoryEntry>>, NotFound>> HistoryAsync(int id, HttpContext http, PartnershipService service, CancellationToken ct) =>
        await service.HistoryAsync(http.Scope(), id, ct) is { } h ? TypedResults.Ok(h) : TypedResults.NotFound();

    public static async Task<Results<Ok<IReadOnlyList<PartyDto>>, NotFound>> ListMembersAsync(int id, HttpContext http, PartnershipService service, CancellationToken ct) =>
        await service.ListMembersAsync(http.Scope(), id, ct) is { } m ? TypedResults.Ok(m) : TypedResults.NotFound();

    public static async Task<Results<Created<PartyDto>, NotFound>> AddMemberAsync(int id, SavePartyRequest request, HttpContext http, PartnershipService service, CancellationToken ct) =>
        await service.AddMemberAsync(http.Scope(), id, request, ct) is { } m
            ? TypedResults.Created($"/api/partnerships/{id}/members/{m.Id}", m)
            : TypedResults.NotFound();

    public static async Task<Results<Ok<PartyDto>, NotFound>> UpdateMemberAsync(int id, int partyId, SavePartyRequest request, HttpContext http, PartnershipService service, CancellationToken ct) =>
        await service.UpdateMemberAsync(http.Scope(), id, partyId, request, ct) is { } m ? TypedResults.Ok(m) : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> RemoveMemberAsync(int id, int partyId, HttpContext http, PartnershipService service, CancellationToken ct) =>
        await service.RemoveMemberAsync(http.Scope(), id, partyId, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Ok<ProposalsDto>> ProposalsAsync(HttpContext http, PartnershipService service, CancellationToken ct) =>
        TypedResults.Ok(await service.ProposalsAsync(http.Scope(), ct));

    public static async Task<Results<Ok<PartyDto>, NotFound>> ConfirmMemberAsync(int id, int partyId, DecidePartyRequest request, HttpContext http, PartnershipService service, CancellationToken ct) =>
        await service.DecideAsync(http.Scope(), id, partyId, request, confirm: true, ct) is { } m ? TypedResults.Ok(m) : TypedResults.NotFound();

    public static async Task<Results<Ok<PartyDto>, NotFound>> DeclineMemberAsync(int id, int partyId, DecidePartyRequest request, HttpContext http, PartnershipService service, CancellationToken ct) =>
        await service.DecideAsync(http.Scope(), id, partyId, request, confirm: false, ct) is { } m ? TypedResults.Ok(m) : TypedResults.NotFound();

    public static async Task<Results<Ok<IReadOnlyList<AgreementDto>>, NotFound>> ListAgreementsAsync(int id, HttpContext http, PartnershipService service, CancellationToken ct) =>
        await service.ListAgreementsAsync(http.Scope(), id, ct) is { } a ? TypedResults.Ok(a) : TypedResults.NotFound();

    public static async Task<Results<Created<AgreementDto>, NotFound>> AddAgreementAsync(int id, SaveAgreementRequest request, HttpContext http, PartnershipService service, CancellationToken ct) =>
        await service.AddAgreementAsync(http.Scope(), id, request, ct) is { } a
            ? TypedResults.Created($"/api/partnerships/{id}/agreements/{a.Id}", a)
            : TypedResults.NotFound();

    public static async Task<Results<Ok<AgreementDto>, NotFound>> UpdateAgreementAsync(int id, int agreementId, SaveAgreementRequest request, HttpContext http, PartnershipService service, CancellationToken ct) =>
        await service.UpdateAgreementAsync(http.Scope(), id, agreementId, request, ct) is { } a ? TypedResults.Ok(a) : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> DeleteAgreementAsync(int id, int agreementId, HttpContext http, PartnershipService service, CancellationToken ct) =>
        await service.DeleteAgreementAsync(http.Scope(), id, agreementId, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
