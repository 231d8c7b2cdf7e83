using Bangfu.Common;
using Bangfu.Components;
using Bangfu.Data;
using Bangfu.Features.Accounts;
using Bangfu.Features.Activities;
using Bangfu.Features.Compliance;
using Bangfu.Features.Consultations;
using Bangfu.Features.Courses;
using Bangfu.Features.Dashboards;
using Bangfu.Features.Demo;
using Bangfu.Features.Dispatches;
using Bangfu.Features.ExpertDays;
using Bangfu.Features.Files;
using Bangfu.Features.Indicators;
using Bangfu.Features.Ledgers;
using Bangfu.Features.Meetings;
using Bangfu.Features.Organizations;
using Bangfu.Features.Partnerships;
using Bangfu.Features.Patients;
using Bangfu.Features.People;
using Bangfu.Features.Plans;
using Bangfu.Features.Referrals;
using Bangfu.Features.Reports;
using Bangfu.Features.Techniques;
using Bangfu.Features.TeleTeaching;
using Bangfu.Features.Trainees;
using Bangfu.Features.Transport;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddBangfuWeb();
builder.Services.AddBangfuProblems();
builder.Services.AddBangfuSecurity(builder.Configuration);
builder.Services.AddBangfuData(builder.Configuration);
builder.Services.AddBangfuAccounts(builder.Configuration);
builder.Services.AddBangfuUi();
builder.Services.AddFiles(builder.Configuration);
builder.Services.AddPatients(builder.Configuration);
builder.Services.AddOrganizations();
builder.Services.AddPeople();
builder.Services.AddPartnerships();
builder.Services.AddDispatches();
builder.Services.AddActivities();
builder.Services.AddCompliance();
builder.Services.AddExpertDays();
builder.Services.AddTechniques();
builder.Services.AddTrainees();
builder.Services.AddCourses();
builder.Services.AddMeetings();
builder.Services.AddIndicators();
builder.Services.AddPlans();
builder.Services.AddReports();
builder.Services.AddDashboards();
builder.Services.AddLedgers();
builder.Services.AddConsultations(builder.Configuration);
builder.Services.AddTeleTeaching();
builder.Services.AddReferrals(builder.Configuration);
builder.Services.AddDemoData();

var app = builder.Build();

if (await app.RunCommandAsync(args))
    return;
await app.PrepareDatabaseAsync();

app.UseBangfuPipeline();

app.MapBangfuHealth();
app.MapAuthEndpoints();
app.MapBangfuSecurity();
app.MapUserEndpoints();
app.MapOrganizationEndpoints();
app.MapPersonEndpoints();
app.MapPartnershipEndpoints();
app.MapDispatchEndpoints();
app.MapActivityEndpoints();
app.MapComplianceEndpoints();
app.MapExpertDayEndpoints();
app.MapTechniqueEndpoints();
app.MapTraineeEndpoints();
app.MapCourseEndpoints();
app.MapMeetingEndpoints();
app.MapIndicatorEndpoints();
app.MapPlanEndpoints();
app.MapReportEndpoints();
app.MapDashboardEndpoints();
app.MapLedgerEndpoints();
app.MapConsultationEndpoints();
app.MapTeleTeachingEndpoints();
app.MapReferralEndpoints();
app.MapTransportEndpoints();
app.MapBangfuApiDocs();
app.MapBangfuUi();

app.PrintWelcome();
await app.RunAsync();

public partial class Program;
