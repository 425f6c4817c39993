"use client";
// The server actions the gallery calls, handed down by the studio screen (as the composer is
// handed `generate`), so the gallery's components do not import a route's actions themselves.
import { createContext, useContext } from "react";
import type * as JobActions from "@/app/(studio)/actions";
import type * as GalleryActions from "@/app/(studio)/gallery-actions";
import type * as ShareActions from "@/app/(studio)/share-actions";

export type GalleryServer = Pick<
  typeof JobActions,
  "retryJob" | "setFavorite" | "hideJob" | "restoreJob" | "fetchAgain"
> &
  typeof GalleryActions &
  typeof ShareActions;

const ServerContext = createContext<GalleryServer | null>(null);

export function GalleryServerProvider({
  actions,
  children,
}: {
  actions: GalleryServer;
  children: React.ReactNode;
}) {
  return <ServerContext.Provider value={actions}>{children}</ServerContext.Provider>;
}

export function useGalleryServer(): GalleryServer {
  const actions = useContext(ServerContext);
  if (!actions) throw new Error("useGalleryServer outside GalleryServerProvider");
  return actions;
}
