/** Secondary contacts of customers and the recipients of their messages. */
package io.billfold.api.contact;
