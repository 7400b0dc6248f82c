/** The public events: their types as the feed and webhooks name them, and their rule violations. */
package io.billfold.api.event;
