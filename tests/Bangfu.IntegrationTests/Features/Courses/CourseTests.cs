using System.Net;
using Bangfu.Features.Courses;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.Courses;

public sealed class CourseTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    [Fact]
    public async Task Cohorts_are_numbered_once_and_pass_counts_cannot_exceed_attendance()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var course = new SaveCourseRequest(s.PartnershipId, s.SupportingId, "新生儿窒息复苏培训班", 1, new DateOnly(2018, 4, 1), new DateOnly(2018, 4, 3), Attendees: 60, Passed: 58);
        var created = await (await admin.PostJsonAsync("/api/courses", course)).ReadAsync<CourseDto>(HttpStatusCode.Created);
        Assert.Equal(58, created.Passed);
        await (await admin.PostJsonAsync("/api/courses", course)).ProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PostJsonAsync("/api/courses", course with { Cohort = 2, Passed = 61 })).FieldErrorAsync("passed");
        await (await admin.PostJsonAsync("/api/courses", course with { Cohort = 2 })).ReadAsync<CourseDto>(HttpStatusCode.Created);
        var list = await (await admin.GetAsync($"/api/courses?partnershipId={s.PartnershipId}")).ReadAsync<Bangfu.Common.Page<CourseDto>>();
        Assert.Equal(2, list.Total);
    }
}
