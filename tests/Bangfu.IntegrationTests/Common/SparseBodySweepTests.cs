using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Bangfu.Data;
using Bangfu.Features.Consultations;
using Bangfu.Features.Demo;
using Bangfu.Features.Organizations;
using Bangfu.Features.Partnerships;
using Bangfu.Features.Referrals;
using Bangfu.Features.Transport;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

using static Bangfu.IntegrationTests.Common.JsonBodies;

namespace Bangfu.IntegrationTests.Common;

/// Walks every POST and PUT route the running app has (uploads aside) as users who get past the 404 and 403 checks
/// into the handlers — the system administrator and the administrators of the demo's host hospital (the trusteeship's
/// supported hospital, which also invites the demo consultations) and of the demo referral's sending hospital — with
/// the bodies a careless client sends: nothing filled in, only a version, every field null (with and without the
/// record's version), objects and lists inside left empty or holding a null, an array where an object belongs; and
/// the record itself read back and sent again with one field left out, or a null put into one of its lists (a create
/// gets a record of its kind). Consultations, referrals and transport runs refuse most actions outside their own state
/// (409) before they read the body, so their routes are also walked on fresh records in every state of their flow, by
/// the users of both hospitals involved. Bad input gets a clear answer: never a 500, and a 400 is a problem. A body
/// may also succeed where the route needs nothing more (a submit, a cancel, an optional field); that is no failure.
public sealed class SparseBodySweepTests(BangfuApp app, ITestOutputHelper output) : IClassFixture<BangfuApp>
{
    [Fact]
    public async Task No_write_route_answers_a_sparse_or_misshapen_body_with_a_500_or_a_400_that_is_not_a_problem()
    {
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync();
        var admin = await app.AdminAsync();
        var ids = await ApiRouteWalk.RecordIdsAsync(app, admin);
        var flows = await ClinicalFlows.StartAsync(app, admin, ids);
        User[] insiders = [new("system administrator", admin), flows.Host, flows.Sender];

        var routes = ApiRouteWalk.Routes(app).Where(r => r.Method is "POST" or "PUT" && !r.Upload).ToList();
        Assert.True(routes.Count > 40, $"only {routes.Count} write routes found");
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var calls = 0;
        foreach (var route in routes)
        {
            if (ApiRouteWalk.Fill(route.Route, ids, failures) is not { } path)
                continue;
            var targets = new List<(string Path, string Record, User[] Users)> { (path, "", insiders) };
            targets.AddRange(await flows.RecordsForAsync(route.Route, ids, failures));
            var echo = Echo(route, routes, ids);
            foreach (var (target, record, users) in targets)
                foreach (var user in users)
                {
                    var version = await CurrentVersionAsync(user.Client, route.Route, target);
                    foreach (var (bodyName, json) in Bodies(route.BodyType, version, ids))
                        await SendAsync(route, target, record, user, bodyName, json);
                    // A body the route would take, but for one field left out: read back from the record the route
                    // changes (for a create, from a record of the same kind) and cut to the request's fields.
                    var source = route.Method == "PUT" ? target : echo;
                    if (source is null || await TemplateAsync(user.Client, source, route.BodyType!) is not { } template)
                        continue;
                    foreach (var (field, isList) in Fields(template, ""))
                        foreach (var listHoldsNull in isList ? [false, true] : new[] { false })
                        {
                            var body = template.DeepClone().AsObject();
                            Change(body, field, listHoldsNull);
                            var bodyName = listHoldsNull ? $"a read-back body with a null in {field}" : $"a read-back body without {field}";
                            if (await SendAsync(route, target, record, user, bodyName, body.ToJsonString()))
                                template = await TemplateAsync(user.Client, source, route.BodyType!) ?? template;
                        }
                }
        }
        output.WriteLine($"{calls} calls on {routes.Count} routes; answers: {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Distinct()));

        // Sends one body and records what fails; true when the write succeeded.
        async Task<bool> SendAsync(ApiRoute route, string target, string record, User user, string bodyName, string json)
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), target) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            using var response = await user.Client.SendAsync(request);
            calls++;
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var what = $"{route.Key}{record} as the {user.Name} with {bodyName}: {status}";
            var answer = await response.Content.ReadAsStringAsync();
            if (status >= 500 || response.StatusCode == HttpStatusCode.Unauthorized)
                failures.Add(what);
            else if (response.StatusCode == HttpStatusCode.BadRequest && !IsProblem(answer))
                failures.Add($"{what}, not a problem: {answer}");
            return response.IsSuccessStatusCode;
        }
    }

    private sealed record User(string Name, HttpClient Client);

    /// Leaves the field out, or puts a null into the list it holds.
    private static void Change(JsonObject body, string field, bool listHoldsNull)
    {
        var names = field.Split('.');
        foreach (var name in names[..^1])
            body = body[name]!.AsObject();
        if (listHoldsNull)
            body[names[^1]]!.AsArray().Add(null);
        else
            body.Remove(names[^1]);
    }

    /// The bodies sent to a route whose body binds to <paramref name="bodyType"/> (null: a route without a body). Those
    /// with something inside name the demo's records where a field is named after one (organizationId, partnershipId…),
    /// so that the handler gets as far as the inside.
    private static IEnumerable<(string Name, string Json)> Bodies(Type? bodyType, int? version, Dictionary<string, string> ids)
    {
        var known = KnownIds(ids);
        JsonNode? Known(string name, Type t, Func<Type, JsonNode?> otherwise) =>
            known.TryGetValue(name, out var id) && Nullable.GetUnderlyingType(t) == typeof(int) ? int.Parse(id, CultureInfo.InvariantCulture) : otherwise(t);
        var bodies = new List<(string Name, string Json)> { ("{}", "{}"), ($"{{\"version\":{version ?? 0}}}", $"{{\"version\":{version ?? 0}}}") };
        if (IsObject(bodyType))
        {
            bodies.Add(("every field null", Shaped(bodyType!, (_, _) => null, null)));
            if (version is not null)
                bodies.Add(("every field null but the version", Shaped(bodyType!, (_, _) => null, version)));
            bodies.Add(("objects and lists inside empty", Shaped(bodyType!, (name, t) => Known(name, t, EmptyInside), version)));
            bodies.Add(("lists holding a null", Shaped(bodyType!, (name, t) => Known(name, t, t => IsList(t, out _) ? new JsonArray((JsonNode?)null) : null), version)));
        }
        bodies.Add(("[]", "[]"));
        return bodies.DistinctBy(b => b.Json);
    }

    /// An empty object for an object, a list of one object with every field null for a list of objects.
    private static JsonNode? EmptyInside(Type t) =>
        IsList(t, out var item) ? new JsonArray(IsObject(item) ? JsonNode.Parse(Shaped(item, (_, _) => null, null)) : null)
        : IsObject(t) ? new JsonObject() : null;

    /// Consultations between the demo's host (inviting) and the hospital it consults (invited), and referrals and
    /// transport runs between the demo referral's sender and receiver (whose transport centre carries the patient),
    /// one fresh record in each state of their flows. A record that a route moved on (a sparse submit that succeeded)
    /// is made again before the next route.
    private sealed class ClinicalFlows
    {
        private readonly List<StateRecord> _records = [];
        private readonly AppDbContextFactory _dbf;
        private int _slot;

        private ClinicalFlows(AppDbContextFactory dbf, User host, User sender, User receiver, User invited) =>
            (_dbf, Host, Sender, Receiver, Invited) = (dbf, host, sender, receiver, invited);

        public User Host { get; }
        public User Sender { get; }
        public User Receiver { get; }
        public User Invited { get; }

        private sealed record StateRecord(string Parameter, string Name, User[] Users, Func<Task<int>> Make)
        {
            public int Id { get; set; }
            public string Mark { get; set; } = "";
        }

        public static async Task<ClinicalFlows> StartAsync(BangfuApp app, HttpClient admin, Dictionary<string, string> ids)
        {
            var dbf = app.Services.GetRequiredService<AppDbContextFactory>();
            await using var db = dbf.CreateDbContext();
            var host = int.Parse(ids["organizations/id"], CultureInfo.InvariantCulture);
            var consultation = await db.Consultations.OrderBy(c => c.Id).FirstAsync();
            Assert.Equal(host, consultation.InvitingOrganizationId);
            var referral = await db.Referrals.OrderBy(r => r.Id).FirstAsync();
            var (sender, receiver, invited) = (referral.FromOrganizationId, referral.ToOrganizationId, consultation.InvitedOrganizationId);
            var flows = new ClinicalFlows(dbf,
                new User("host's administrator", await app.OrgAdminAsync(admin, host)),
                new User("sender's administrator", await app.OrgAdminAsync(admin, sender)),
                new User("receiver's administrator", await app.OrgAdminAsync(admin, receiver)),
                new User("invited hospital's administrator", await app.OrgAdminAsync(admin, invited)));

            // A consultant without an account of their own: the invited hospital's administrator signs for them.
            var consultant = await admin.CreateConsultantAsync(invited, "110000000000009", new DateOnly(2010, 7, 1));
            var parties = new ConsultationParties(admin,
                await (await admin.GetAsync($"/api/organizations/{host}")).ReadAsync<OrganizationDto>(),
                await (await admin.GetAsync($"/api/organizations/{invited}")).ReadAsync<OrganizationDto>(),
                await (await admin.GetAsync($"/api/partnerships/{consultation.PartnershipId}")).ReadAsync<PartnershipDto>(),
                flows.Host.Client, flows.Invited.Client, consultant, flows.Invited.Client);
            User[] consulting = [flows.Host, flows.Invited];
            foreach (var state in new[] { ConsultationState.Draft, ConsultationState.Submitted, ConsultationState.Accepted, ConsultationState.Scheduled,
                         ConsultationState.InSession, ConsultationState.SessionEnded, ConsultationState.OpinionSigned, ConsultationState.Filed })
                flows._records.Add(new StateRecord("consultations/id", state.ToString(), consulting, async () => (await parties.ConsultationInAsync(state)).Id));

            var centre = await db.TransportCentres.Where(c => c.OrganizationId == receiver).Select(c => c.Id).FirstAsync();
            var s = new ReferralSetUp(sender, receiver, host, flows.Sender.Client, flows.Receiver.Client, flows.Host.Client,
                await db.People.Where(p => p.OrganizationId == sender).Select(p => p.Id).FirstAsync(),
                await db.People.Where(p => p.OrganizationId == receiver).Select(p => p.Id).FirstAsync(),
                centre,
                await db.Vehicles.Where(v => v.CentreId == centre && v.IsActive).Select(v => v.Id).FirstAsync(),
                await db.People.Where(p => p.OrganizationId == receiver).Select(p => p.Id).FirstAsync());
            User[] referring = [flows.Sender, flows.Receiver];
            async Task<int> Draft() => (await s.Sender.CreateReferralAsync(s.Up())).Id;
            async Task<int> Submitted() => (await s.Sender.ActAsync(await Draft(), "submit")).Id;
            async Task<int> Accepted() => (await s.AcceptedAsync()).Id;
            async Task<int> InTransit() => (await s.Sender.ActAsync(await Accepted(), "depart")).Id;
            async Task<int> Received() => (await s.Receiver.ActAsync(await InTransit(), "receive")).Id;
            async Task<int> Completed() => (await s.Receiver.ActAsync(await Received(), "complete")).Id;
            async Task<int> BackReferral() => (await (await s.Receiver.PostJsonAsync($"/api/referrals/{await Received()}/back-referral",
                new BackReferralRequest(s.ReceiverPhysicianId, null))).ReadAsync<ReferralDto>(HttpStatusCode.Created)).Id;
            foreach (var (name, make) in new (string, Func<Task<int>>)[]
                     {
                         ("Draft", Draft), ("Submitted", Submitted), ("Accepted", Accepted), ("InTransit", InTransit), ("Received", Received),
                         ("Completed", Completed), ("back-referral Draft", BackReferral),
                     })
                flows._records.Add(new StateRecord("referrals/id", name, referring, make));
            async Task<int> Requested() => (await s.RequestTransportAsync(await Accepted())).Id;
            async Task<int> Assigned()
            {
                // Each run its own window: a vehicle is never on two runs at once.
                var start = DateTimeOffset.UtcNow.AddDays(30 + 2 * flows._slot++);
                return (await (await s.AssignAsync(await Requested(), start, start.AddHours(3))).ReadAsync<TransportRunDto>()).Id;
            }
            async Task<int> Departed() => (await (await s.LogAsync(await Assigned(), "departed")).ReadAsync<TransportRunDto>()).Id;
            async Task<int> Arrived() => (await (await s.LogAsync(await Departed(), "arrived")).ReadAsync<TransportRunDto>()).Id;
            foreach (var (name, make) in new (string, Func<Task<int>>)[] { ("requested", Requested), ("assigned", Assigned), ("departed", Departed), ("arrived", Arrived) })
                flows._records.Add(new StateRecord("runs/id", name, referring, make));
            return flows;
        }

        /// The route on each fresh record of the kind its {id} names, with the users of the record's two hospitals.
        public async Task<List<(string Path, string Record, User[] Users)>> RecordsForAsync(string route, Dictionary<string, string> ids, List<string> failures)
        {
            var parameter = route.StartsWith("/api/consultations/{id", StringComparison.Ordinal) ? "consultations/id"
                : route.StartsWith("/api/referrals/{id", StringComparison.Ordinal) ? "referrals/id"
                : route.StartsWith("/api/transport/runs/{id", StringComparison.Ordinal) ? "runs/id" : null;
            var targets = new List<(string, string, User[])>();
            foreach (var record in _records.Where(r => r.Parameter == parameter))
            {
                if (record.Id == 0 || await MarkAsync(record) != record.Mark)
                {
                    record.Id = await record.Make();
                    record.Mark = await MarkAsync(record);
                }
                var path = ApiRouteWalk.Fill(route, new Dictionary<string, string>(ids) { [record.Parameter] = record.Id.ToString(CultureInfo.InvariantCulture) }, failures);
                targets.Add((path!, $" on a fresh {record.Parameter.Split('/')[0]} ({record.Name})", record.Users));
            }
            return targets;
        }

        /// Where the record stands in its flow.
        private async Task<string> MarkAsync(StateRecord record)
        {
            await using var db = _dbf.CreateDbContext();
            return record.Parameter switch
            {
                "consultations/id" => (await db.Consultations.Where(c => c.Id == record.Id).Select(c => c.State).SingleOrDefaultAsync()).ToString(),
                "referrals/id" => (await db.Referrals.Where(r => r.Id == record.Id).Select(r => r.Status).SingleOrDefaultAsync()).ToString(),
                _ => string.Join(" ", await db.TransportRuns.Where(t => t.Id == record.Id)
                    .Select(t => new { t.IsCancelled, t.VehicleId, t.DepartedAt, t.ArrivedAt, t.HandedOverAt, t.Referral!.Status }).ToListAsync()),
            };
        }
    }
}
