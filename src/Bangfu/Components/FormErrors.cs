using Bangfu.Common;
using Microsoft.Extensions.Localization;

namespace Bangfu.Components;

/// What a page shows after a service refused a request: field errors beside their fields, the rest in one alert.
/// The service exceptions carry message keys, so the text follows the user's language.
public sealed class FormErrors
{
    private readonly Dictionary<string, string> _fields = new(StringComparer.OrdinalIgnoreCase);

    public string? Message { get; private set; }

    /// Someone else saved first: the page offers a reload instead of a retry.
    public bool IsConflict { get; private set; }

    public string? this[string field] => _fields.GetValueOrDefault(field);

    public bool Has(string field) => _fields.ContainsKey(field);

    /// Every field error, for forms whose fields are rows of a file (rows[7].类别) rather than inputs.
    public IEnumerable<KeyValuePair<string, string>> Fields => _fields;

    public bool Any => Message is not null || _fields.Count > 0;

    public void Clear()
    {
        _fields.Clear();
        Message = null;
        IsConflict = false;
    }

    /// Runs a service call; returns false when it was refused, after recording why.
    public async Task<bool> RunAsync(IStringLocalizer localizer, Func<Task> action)
    {
        Clear();
        try
        {
            await action();
            return true;
        }
        catch (RequestValidationException e)
        {
            foreach (var error in e.Errors)
            {
                var text = localizer[error.MessageKey, error.Args].Value;
                _fields[error.Field] = _fields.TryGetValue(error.Field, out var earlier) ? $"{earlier} {text}" : text;
            }
            Message = localizer["Ui.FixErrors"];
        }
        catch (DomainRuleException e)
        {
            Message = localizer[e.MessageKey, e.Args];
        }
        catch (ConcurrencyConflictException)
        {
            Message = localizer["Error.Concurrency"];
            IsConflict = true;
        }
        catch (AccessDeniedException e)
        {
            Message = localizer[e.MessageKey];
        }
        return false;
    }
}
