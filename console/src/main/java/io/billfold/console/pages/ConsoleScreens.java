package io.billfold.console.pages;

/** The first segment of every screen's address; a new section of the console adds its name here. */
final class ConsoleScreens {

    static final String PATTERN = "sign-in|customers|wallets|imports|audit|api-keys|webhooks|projections";

    private ConsoleScreens() {
    }
}
