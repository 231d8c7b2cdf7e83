using Bangfu.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bangfu.Features.Courses;

public static class CourseEndpoints
{
    public static IServiceCollection AddCourses(this IServiceCollection services) => services.AddScoped<CourseService>();

    public static IEndpointRouteBuilder MapCourseEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/courses").WithTags("Training courses");
        api.MapGet("/", ListAsync);
        api.MapGet("/{id:int}", GetAsync);
        api.MapPost("/", CreateAsync);
        api.MapPut("/{id:int}", UpdateAsync);
        api.MapDelete("/{id:int}", DeleteAsync);
        return app;
    }

    public static async Task<Ok<Page<CourseDto>>> ListAsync(HttpContext http, CourseService service, int? partnershipId, DateOnly? from, DateOnly? to,
        int? page, int? pageSize, string? sort, bool? desc, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(http.Scope(), partnershipId, from, to, new PageRequest(page ?? 1, pageSize ?? 20, sort, desc ?? false), ct));

    public static async Task<Results<Ok<CourseDto>, NotFound>> GetAsync(int id, HttpContext http, CourseService service, CancellationToken ct) =>
        await service.GetAsync(http.Scope(), id, ct) is { } c ? TypedResults.Ok(c) : TypedResults.NotFound();

    public static async Task<Created<CourseDto>> CreateAsync(SaveCourseRequest request, HttpContext http, CourseService service, CancellationToken ct)
    {
        var c = await service.CreateAsync(http.Scope(), request, ct);
        return TypedResults.Created($"/api/courses/{c.Id}", c);
    }

    public static async Task<Results<Ok<CourseDto>, NotFound>> UpdateAsync(int id, SaveCourseRequest request, HttpContext http, CourseService service, CancellationToken ct) =>
        await service.UpdateAsync(http.Scope(), id, request, ct) is { } c ? TypedResults.Ok(c) : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> DeleteAsync(int id, HttpContext http, CourseService service, CancellationToken ct) =>
        await service.DeleteAsync(http.Scope(), id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
