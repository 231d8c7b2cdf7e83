// Keeps what an expert typed on the phone until the server has it: saved in this browser while typing, restored
// after a failed or interrupted submission, cleared once the page confirms the save. Nothing is sent anywhere else.
(function () {
    const form = document.getElementById("quick-entry");
    if (!form) return;
    const key = form.dataset.formKey || "bangfu.log";
    const fields = () => Array.from(form.elements).filter(e => e.name && e.type !== "hidden" && e.name !== "__RequestVerificationToken");

    // One key per entry, kept with the copy: a resubmission after a lost answer carries the same key, and the server
    // answers the row the first submission made. A confirmed save clears both, so the next entry gets a new key.
    const entryKey = form.querySelector("[data-entry-key]");
    const newKey = () => (crypto.randomUUID ? crypto.randomUUID()
        : Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, "0")).join(""));
    if (document.querySelector("[data-saved]")) {
        localStorage.removeItem(key);
    } else {
        const stored = localStorage.getItem(key);
        if (stored) {
            const values = JSON.parse(stored);
            let restored = false;
            for (const e of fields()) {
                if (!(e.name in values)) continue;
                if (e.type === "checkbox") { e.checked = values[e.name] === true; }
                else if (!e.value || e.type === "date") { e.value = values[e.name]; restored = restored || values[e.name] !== ""; }
            }
            if (restored) document.querySelector("[data-restored-message]").hidden = false;
            if (entryKey && !entryKey.value && values.__entryKey) entryKey.value = values.__entryKey;
        }
    }
    if (entryKey && !entryKey.value) entryKey.value = newKey();

    const save = () => {
        const values = {};
        for (const e of fields()) values[e.name] = e.type === "checkbox" ? e.checked : e.value;
        if (entryKey) values.__entryKey = entryKey.value;
        localStorage.setItem(key, JSON.stringify(values));
    };
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    form.addEventListener("submit", ev => {
        save();
        if (!navigator.onLine) {
            ev.preventDefault();
            document.querySelector("[data-offline-message]").hidden = false;
        }
    });
})();
