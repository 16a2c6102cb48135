/**
 * The {@code delivery} group of REST routes (issue 7): the payload library (list, inspect, import a zip, build and
 * download the ISO image, delete) and deployments (create, list with summaries, per-VM items, pause, resume, cancel,
 * retry failed, cancel one VM, read one VM's log). Routes and status mapping: {@code docs/delivery-rest.md}.
 */
package org.deskplane.delivery.rest.internal;
