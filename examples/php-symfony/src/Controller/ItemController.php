<?php

namespace App\Controller;

use App\Entity\Item;
use Doctrine\ORM\EntityManagerInterface;
use Symfony\Component\DependencyInjection\Attribute\Autowire;
use Symfony\Component\HttpFoundation\JsonResponse;
use Symfony\Component\Routing\Attribute\Route;

final class ItemController
{
    public function __construct(
        private EntityManagerInterface $em,
        #[Autowire('%app.low_stock_threshold%')] private int $threshold,
    ) {
    }

    #[Route('/items/low-stock', methods: ['GET'])]
    public function lowStock(): JsonResponse
    {
        $items = $this->em->getRepository(Item::class)->createQueryBuilder('i')
            ->where('i.quantity < :threshold')
            ->setParameter('threshold', $this->threshold)
            ->getQuery()
            ->getArrayResult();

        return new JsonResponse($items);
    }
}
