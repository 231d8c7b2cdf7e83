using System.Reflection;
using NetArchTest.Rules;

namespace Bangfu.UnitTests.Architecture;

public sealed class ArchitectureTests
{
    private static readonly Assembly App = typeof(Program).Assembly;

    [Fact]
    public void Features_do_not_depend_on_the_ui_components()
    {
        var result = Types.InAssembly(App).That().ResideInNamespaceStartingWith("Bangfu.Features")
            .And().DoNotResideInNamespaceContaining("Pages")
            .ShouldNot().HaveDependencyOn("Bangfu.Components").GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void No_helpers_managers_or_utils()
    {
        var names = App.GetTypes().Where(t => t.Namespace?.StartsWith("Bangfu", StringComparison.Ordinal) == true).Select(t => t.Name).Where(n => n.EndsWith("Helper", StringComparison.Ordinal)
            || n.EndsWith("Helpers", StringComparison.Ordinal) || n.EndsWith("Manager", StringComparison.Ordinal) || n.EndsWith("Utils", StringComparison.Ordinal));
        Assert.Empty(names);
    }

    [Fact]
    public void Every_api_entity_that_users_edit_carries_a_version()
    {
        var editable = App.GetTypes().Where(t => t.Namespace?.StartsWith("Bangfu.Features", StringComparison.Ordinal) == true
            && typeof(Bangfu.Common.ISoftDeletable).IsAssignableFrom(t));
        Assert.NotEmpty(editable);
        Assert.All(editable, t => Assert.True(typeof(Bangfu.Common.IVersioned).IsAssignableFrom(t), t.Name));
    }
}
