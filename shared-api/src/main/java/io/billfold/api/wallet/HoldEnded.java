package io.billfold.api.wallet;

/**
 * An event that ends an active hold (a capture, a release, an expiry): from then on the hold reserves nothing. A type
 * of the events only, never stored itself.
 */
public interface HoldEnded {

    String holdId();
}
