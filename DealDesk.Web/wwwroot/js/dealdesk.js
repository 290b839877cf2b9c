// Small browser helpers the circuit calls through JS interop.
window.dealdesk = {
    // The theme cookie is per user (see ThemePreference); a year, like any other display preference.
    rememberTheme(name, value) {
        document.cookie = `${name}=${value}; path=/; max-age=31536000; samesite=lax`;
    },
    // After a failed submit: bring the first invalid field into view and give it the focus.
    focusFirstInvalid(containerSelector) {
        const root = containerSelector ? document.querySelector(containerSelector) : document;
        const field = root?.querySelector(".mud-input-error input, .mud-input-error textarea, [aria-invalid='true']");
        if (!field) return false;
        field.scrollIntoView({ block: "center", behavior: "smooth" });
        field.focus({ preventScroll: true });
        return true;
    },
};
